package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The item index follows the plan's catalogue even when no event says it changed: another instance
 * imported a revision or changed an alias, and this one sees it only when its catalogue is read
 * again.
 */
class ItemUnderstandingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicReference<List<PlanItem>> catalogue = new AtomicReference<>();
  private final ItemUnderstanding understanding;

  ItemUnderstandingTest() {
    catalogue.set(items("城中村改造", "新建改造城市道路"));
    PlanService plans = mock(PlanService.class);
    when(plans.items()).thenAnswer(i -> Flux.fromIterable(catalogue.get()));
    understanding =
        new ItemUnderstanding(plans, new ReportProperties(null, null, null, null, null, null));
  }

  @Test
  void aCatalogueChangedElsewhereIsIndexedAtTheNextMessageAndAnUnchangedOneIsNotIndexedAgain() {
    ReportParser first = understanding.parser().block(WAIT);
    assertThat(chosen(first, "城中村改造完成3个")).isEqualTo("1.1");
    assertThat(understanding.parser().block(WAIT)).isSameAs(first);

    // another instance renamed 1.2 and added an alias to 1.1; no event reached this one
    catalogue.set(
        List.of(item(2, "1.1", "城中村改造", List.of("旧改")), item(3, "1.2", "建成中试验证平台", List.of())));
    ReportParser second = understanding.parser().block(WAIT);

    assertThat(second).isNotSameAs(first);
    assertThat(chosen(second, "中试验证平台设备进场")).isEqualTo("1.2");
    assertThat(chosen(second, "旧改项目完成3个")).isEqualTo("1.1");
  }

  private static String chosen(ReportParser parser, String text) {
    return ((Understanding.Report) parser.parse(text, Set.of())).itemCode();
  }

  private static List<PlanItem> items(String first, String second) {
    return List.of(item(2, "1.1", first, List.of()), item(3, "1.2", second, List.of()));
  }

  private static PlanItem item(long id, String code, String title, List<String> aliases) {
    return new PlanItem(id, 2027, code, "1", title, title + "。", true, (int) id, aliases);
  }
}
