package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How stored items are matched to a corrected document's items, without guessing. */
class PlanRevisionTest {

  private static PlanItem stored(long id, String code, String title, String body) {
    int dot = code.lastIndexOf('.');
    return new PlanItem(
        id, 2020, code, dot < 0 ? null : code.substring(0, dot), title, body, true, (int) id);
  }

  @Test
  void anItemAtTheSameCodeWithUnrelatedTextIsRemovedAndAnotherAddedNotRenamed() {
    var revision =
        PlanRevision.between(
            List.of(stored(1, "1", "建设中试基地", "建成中试基地一个。")),
            List.of(new ParsedPlan.Item("1", "开展安全生产检查", "全年检查企业50家。")));

    assertThat(revision.matched()).isEmpty();
    assertThat(revision.changes().removed())
        .extracting(PlanChanges.Change::oldCode)
        .containsExactly("1");
    assertThat(revision.changes().added())
        .extracting(PlanChanges.Change::code)
        .containsExactly("1");
  }

  @Test
  void swappedItemsAreFollowedByTitleAndTwinTitlesAreLeftToTheirCodes() {
    var revision =
        PlanRevision.between(
            List.of(
                stored(1, "1", "推进平台建设", ""),
                stored(2, "2", "优化科技服务", ""),
                stored(3, "1.1", "加强宣传", ""),
                stored(4, "2.1", "加强宣传", "")),
            List.of(
                new ParsedPlan.Item("1", "优化科技服务", ""),
                new ParsedPlan.Item("1.1", "加强宣传", ""),
                new ParsedPlan.Item("2", "推进平台建设", ""),
                new ParsedPlan.Item("2.1", "加强宣传", "")));

    assertThat(revision.matched().entrySet())
        .extracting(e -> e.getKey().id() + "→" + e.getValue().code())
        .containsExactlyInAnyOrder("1→2", "2→1", "3→1.1", "4→2.1");
    assertThat(revision.changes().moved()).hasSize(2);
    assertThat(revision.changes().unchanged()).isEqualTo(2);
  }

  @Test
  void aRewordedAndRenumberedItemIsFollowed() {
    var revision =
        PlanRevision.between(
            List.of(stored(1, "2.2", "举办科技活动周", ""), stored(2, "2.1", "开展科技特派员下乡", "")),
            List.of(new ParsedPlan.Item("3.1", "举办全区科技活动周", "")));

    assertThat(revision.matched().values())
        .extracting(ParsedPlan.Item::code)
        .containsExactly("3.1");
    assertThat(revision.changes().renamed().get(0).oldCode()).isEqualTo("2.2");
    assertThat(revision.removed()).extracting(PlanItem::code).containsExactly("2.1");
  }
}
