package io.duban.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingAction;
import io.duban.report.ClosingRecord;
import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import io.duban.unit.Milestone;
import io.duban.unit.Unit;
import io.duban.unit.UnitKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The digest's text, the digest's chart and the board, built from one data set for one week, agree
 * on which items are closed, which are behind pace and which are red. Before one rule served all
 * three, the digest called an item behind when it was below the last milestone passed while the
 * board drew a line through the milestones: 1.2 (far below the line, no milestone passed yet) and
 * 1.4 (past its deadline) were 按期推进 in the text and red on the board, 1.5 (just under a passed
 * milestone, on the line) the other way round.
 */
class DigestAgreesWithBoardTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ReportWeek W23 = ReportWeek.parse("2024-W23");
  private static final LocalDate YEAR_END = LocalDate.of(2024, 12, 31);
  private static final Milestone HALF_BY_JUNE = new Milestone(LocalDate.of(2024, 6, 30), 50, null);

  /** A plan with milestones; reports ahead of and behind pace; a closed item; an overdue one. */
  private static ProgressSnapshot dataSet() {
    List<PlanItem> items =
        List.of(
            new PlanItem(1, 2024, "1", null, "平台建设", "", false, 1),
            new PlanItem(2, 2024, "1.1", "1", "超前于序时进度", "", true, 2),
            new PlanItem(3, 2024, "1.2", "1", "落后于序时进度", "", true, 3),
            new PlanItem(4, 2024, "1.3", "1", "已办结销号", "", true, 4),
            new PlanItem(5, 2024, "1.4", "1", "已超过完成时限", "", true, 5),
            new PlanItem(6, 2024, "1.5", "1", "略低于已过节点", "", true, 6),
            new PlanItem(7, 2024, "2", null, "从未报送", "", true, 7));
    Map<String, Assignment> assignments =
        List.of(
                new Assignment("1.1", "a", List.of(), YEAR_END, List.of(HALF_BY_JUNE)),
                new Assignment("1.2", "a", List.of(), YEAR_END, List.of(HALF_BY_JUNE)),
                new Assignment("1.3", "a", List.of(), YEAR_END, List.of()),
                new Assignment("1.4", "a", List.of(), LocalDate.of(2024, 5, 31), List.of()),
                new Assignment(
                    "1.5",
                    "a",
                    List.of(),
                    YEAR_END,
                    List.of(new Milestone(LocalDate.of(2024, 5, 31), 40, null))),
                new Assignment("2", "a", List.of(), null, List.of()))
            .stream()
            .collect(Collectors.toMap(Assignment::itemCode, Function.identity()));
    List<ReportFact> reports =
        List.of(
            fact(1, "1.3", ReportStatus.DONE, 100, "2024-W21", "2024-05-22T02:00:00Z"),
            fact(2, "1.1", ReportStatus.IN_PROGRESS, 60, "2024-W23", "2024-06-04T02:00:00Z"),
            fact(3, "1.2", ReportStatus.IN_PROGRESS, 20, "2024-W23", "2024-06-04T03:00:00Z"),
            // closed on 05-23, then its unit wrote 进行中 again: it stays closed
            fact(4, "1.3", ReportStatus.IN_PROGRESS, 60, "2024-W23", "2024-06-05T02:00:00Z"),
            fact(5, "1.4", ReportStatus.IN_PROGRESS, 80, "2024-W23", "2024-06-05T03:00:00Z"),
            fact(6, "1.5", ReportStatus.IN_PROGRESS, 38, "2024-W23", "2024-06-05T04:00:00Z"));
    ClosingRecord closing =
        new ClosingRecord(
            "1.3", ClosingAction.CLOSE, "陈局长", null, "", Instant.parse("2024-05-23T02:00:00Z"));
    return ProgressSnapshot.of(
        items,
        assignments,
        List.of(new Unit("a", "平台科", UnitKind.DEPARTMENT)),
        reports,
        Map.of("1.3", closing));
  }

  @Test
  void digestTextItsChartAndTheBoardAgreeOnClosedBehindAndRedItems() {
    ProgressSnapshot data = dataSet();
    List<ReportFact> ofWeek =
        data.reports().stream().filter(r -> W23.toString().equals(r.period())).toList();

    PlanStanding board = data.standing(W23, ZONE);
    ChartData chart = DigestChart.data(data.standing(W23, ZONE));
    WeeklyDigest digest =
        new DigestAssembler(ZONE)
            .assemble(data, W23, ofWeek, List.of(), Instant.parse("2024-06-06T07:00:00Z"), null);
    String text = new DigestComposer().compose(digest);

    Map<String, ItemStanding> rows =
        board.rows().stream().collect(Collectors.toMap(r -> r.item().code(), Function.identity()));
    Map<String, WeeklyDigest.Item> items =
        digest.sections().stream()
            .flatMap(s -> s.items().stream())
            .collect(Collectors.toMap(WeeklyDigest.Item::code, Function.identity()));

    assertThat(codes(rows, r -> r.light() == Light.CLOSED)).containsExactly("1.3");
    assertThat(codes(items, WeeklyDigest.Item::closed)).containsExactly("1.3");
    assertThat(codes(rows, r -> r.light() == Light.RED)).containsExactly("1.2", "1.4");
    assertThat(codes(rows, r -> r.judgement().behindPace())).containsExactly("1.2", "1.4");
    assertThat(codes(items, i -> i.behindPace() || i.overdue())).containsExactly("1.2", "1.4");
    assertThat(codes(items, WeeklyDigest.Item::overdue)).containsExactly("1.4");
    for (String code : rows.keySet()) {
      assertThat(items.get(code).light()).as(code).isEqualTo(rows.get(code).light());
    }

    Map<Light, Long> lights = board.counts();
    assertThat(text)
        .as("the digest's headline counts what the board shows")
        .contains("预警 " + lights.get(Light.RED) + "（")
        .contains("关注 " + lights.get(Light.YELLOW) + "（")
        .contains("正常 " + lights.get(Light.GREEN) + "（")
        .contains("已办结销号 " + lights.get(Light.CLOSED) + "（")
        .contains("其中已逾期 1（", "滞后 2（")
        .contains("逾期事项：\n1.4 已超过完成时限（平台科，完成时限 2024年5月31日）")
        .containsPattern("\n1\\.3 [^\n]*：✅ 已办结销号\n")
        .doesNotContainPattern("\n1\\.[1245] [^\n]*：✅ 已办结销号");
    assertThat(chart.statuses())
        .as("the chart draws the board's lights")
        .extracting(ChartData.Count::count)
        .containsExactly(
            lights.get(Light.GREEN),
            lights.get(Light.YELLOW),
            lights.get(Light.RED),
            lights.get(Light.CLOSED));
  }

  /**
   * Finding 11: in a week when every item is past its deadline and none was reported, the board
   * showed every item red while the digest said 滞后 0、受阻 0 and never named an overdue item.
   */
  @Test
  void aWeekOfOverdueUnreportedItemsIsRedAndOverdueInTheDigestAsOnTheBoard() {
    ReportWeek week = ReportWeek.parse("2024-W49");
    List<PlanItem> plan =
        List.of(
            new PlanItem(1, 2024, "1", null, "实施重大创新载体提升行动", "", false, 1),
            new PlanItem(2, 2024, "1.1", "1", "推进省实验室建设", "", true, 2),
            new PlanItem(3, 2024, "1.2", "1", "药创院省重点实验室申报", "", true, 3),
            new PlanItem(4, 2024, "2", null, "培育壮大创新主体", "", true, 4));
    Map<String, Assignment> assignments =
        List.of(
                new Assignment("1.1", "a", List.of(), LocalDate.of(2024, 6, 30), List.of()),
                new Assignment("1.2", "a", List.of(), LocalDate.of(2024, 9, 30), List.of()),
                new Assignment("2", "a", List.of(), LocalDate.of(2024, 11, 30), List.of()))
            .stream()
            .collect(Collectors.toMap(Assignment::itemCode, Function.identity()));
    ProgressSnapshot data =
        ProgressSnapshot.of(
            plan,
            assignments,
            List.of(new Unit("a", "平台科", UnitKind.DEPARTMENT)),
            List.of(
                fact(1, "1.1", ReportStatus.IN_PROGRESS, 40, "2024-W46", "2024-11-12T02:00:00Z"),
                fact(2, "1.2", ReportStatus.IN_PROGRESS, 70, "2024-W47", "2024-11-19T02:00:00Z")),
            Map.of());

    PlanStanding board = data.standing(week, ZONE);
    WeeklyDigest digest =
        new DigestAssembler(ZONE)
            .assemble(
                data, week, List.of(), List.of(), Instant.parse("2024-12-05T07:00:00Z"), null);
    String text = new DigestComposer().compose(digest);

    assertThat(board.counts().get(Light.RED)).as("the board shows all three red").isEqualTo(3);
    assertThat(digest.counts().red()).isEqualTo(3);
    assertThat(digest.counts().overdue()).isEqualTo(3);
    assertThat(digest.counts().behind()).isEqualTo(3);
    assertThat(text)
        .contains("预警 3（")
        .contains("其中已逾期 3（")
        .contains("滞后 3（")
        .contains("逾期事项：\n")
        .contains("1.1 推进省实验室建设（平台科，完成时限 2024年6月30日）")
        .contains("1.2 药创院省重点实验室申报（平台科，完成时限 2024年9月30日）")
        .contains("2 培育壮大创新主体（平台科，完成时限 2024年11月30日）");
  }

  private static <T> List<String> codes(Map<String, T> byCode, java.util.function.Predicate<T> p) {
    return byCode.entrySet().stream()
        .filter(e -> p.test(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static ReportFact fact(
      long id, String item, ReportStatus status, int percent, String period, String at) {
    return new ReportFact(
        id, item, "a", "张伟", status, percent, "进展" + id, null, period, Instant.parse(at), false);
  }
}
