package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
import io.duban.report.ItemStanding;
import io.duban.report.Judgement;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ReportWeek;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the board lists of a small plan and of a province's. */
class BoardViewTest {

  private static final ReportWeek WEEK = ReportWeek.parse("2024-W40");

  @Test
  void aSmallPlanIsShownWholeAsBefore() {
    PlanStanding board = board(10, 20);

    BoardView view = BoardView.of(board, r -> true, null, 1);

    assertThat(view.collapsed()).isFalse();
    assertThat(view.sections()).hasSize(10).allMatch(BoardView.SectionView::open);
    assertThat(view.sections().stream().mapToInt(s -> s.rows().size()).sum()).isEqualTo(200);
    assertThat(view.pages()).isEqualTo(1);
  }

  @Test
  void aLargePlanListsItsPartsWithCountsAndOpensOneOnDemandPaged() {
    PlanStanding board = board(20, 450);

    BoardView closed = BoardView.of(board, r -> true, null, 1);

    assertThat(closed.collapsed()).isTrue();
    assertThat(closed.matching()).isEqualTo(9000);
    assertThat(closed.sections()).hasSize(20).noneMatch(BoardView.SectionView::open);
    assertThat(closed.sections()).allMatch(s -> s.rows().isEmpty() && s.matching() == 450);
    BoardView.SectionView first = closed.sections().get(0);
    assertThat(first.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(450);
    // leaf k of each part is red when k % 4 == 0
    assertThat(first.counts().get(Light.RED)).isEqualTo(112);
    assertThat(closed.redCount()).isEqualTo(20 * 112);
    assertThat(closed.reds()).hasSize(BoardView.REDS_SHOWN);

    BoardView opened = BoardView.of(board, r -> true, "7", 3);

    assertThat(opened.part()).isEqualTo("7");
    assertThat(opened.pages()).isEqualTo(3);
    assertThat(opened.page()).isEqualTo(3);
    BoardView.SectionView seven =
        opened.sections().stream().filter(BoardView.SectionView::open).findFirst().orElseThrow();
    assertThat(seven.item().code()).isEqualTo("7");
    assertThat(seven.rows()).hasSize(50);
    assertThat(seven.rows().get(0).item().code()).isEqualTo("7.401");
    assertThat(opened.sections().stream().filter(BoardView.SectionView::open)).hasSize(1);
    assertThat(BoardView.of(board, r -> true, "7", 99).page()).as("past the end").isEqualTo(3);
    assertThat(BoardView.of(board, r -> true, "no-such-part", 1).part()).isNull();
  }

  @Test
  void filtersApplyBeforeTheListIsCollapsedOrPaged() {
    PlanStanding board = board(20, 450);

    BoardView reds = BoardView.of(board, r -> r.light() == Light.RED, null, 1);

    assertThat(reds.matching()).isEqualTo(2240);
    assertThat(reds.collapsed()).isTrue();
    assertThat(reds.sections()).allMatch(s -> s.counts().get(Light.RED) == s.matching());

    BoardView oneUnit = BoardView.of(board, r -> r.leadUnit().equals("u3"), null, 1);

    assertThat(oneUnit.collapsed()).isFalse();
    assertThat(oneUnit.sections()).allMatch(BoardView.SectionView::open);
    assertThat(oneUnit.sections().stream().flatMap(s -> s.rows().stream()))
        .hasSize(9000 / 50)
        .allMatch(r -> r.leadUnit().equals("u3"));
  }

  /** {@code parts} parts of {@code leaves} leaves; leaf k red when k % 4 == 0, lead u(k % 50). */
  private static PlanStanding board(int parts, int leaves) {
    List<PlanStanding.Section> sections = new ArrayList<>();
    for (int p = 1; p <= parts; p++) {
      PlanItem part = new PlanItem(p, 2024, "" + p, null, "部分" + p, "", false, p, List.of());
      List<ItemStanding> rows = new ArrayList<>();
      for (int k = 1; k <= leaves; k++) {
        PlanItem leaf =
            new PlanItem(p * 1000 + k, 2024, p + "." + k, "" + p, "事项", "", true, k, List.of());
        Light light = k % 4 == 0 ? Light.RED : Light.GREEN;
        rows.add(
            new ItemStanding(
                leaf,
                "" + p,
                "u" + (k % 50),
                "单位" + (k % 50),
                List.of(),
                null,
                null,
                new Judgement(light, List.of(), null, false),
                null));
      }
      sections.add(new PlanStanding.Section(part, rows));
    }
    return new PlanStanding(WEEK, WEEK.sunday(), 2024, sections);
  }
}
