package io.duban.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportResponsibility;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The digest of a province's plan summarises and fits one message on every platform: a generated
 * plan of 10,000 items, 2,000 units and many leaders, assembled and composed as the weekly fire
 * does.
 */
class DigestAtScaleTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ReportWeek WEEK = ReportWeek.parse("2024-W40");
  private static final String BOARD = "https://duban.example.gov.cn/dashboard";

  private final DigestComposer composer =
      new DigestComposer(Clock.fixed(Instant.parse("2024-10-07T02:00:00Z"), ZONE));

  @Test
  void aLargePlansDigestIsASummaryWithinOneMessage() {
    Built built = build(100, 100, 8, "副局长");

    String text = composer.compose(built.digest());

    assertThat(bytes(text)).isLessThanOrEqualTo(DigestComposer.SUMMARY_MAX_BYTES);
    assertThat(text)
        .startsWith("【督办周报】")
        .contains("共 10000 项")
        .contains("本周灯色变化")
        .contains("各责任领导预警事项")
        .contains("第1副局长（")
        .endsWith("详情看板：" + BOARD);
    assertThat(built.digest().highlights().changes()).as("items changed colour").isNotEmpty();
    assertThat(built.digest().highlights().redsByLeader()).hasSize(8);
    assertThat(text.lines().filter(l -> l.startsWith("100.")).count())
        .as("no item listing")
        .isZero();
  }

  @Test
  void theSummaryStaysWithinTheLimitWithHundredsOfLeadersWithLongNames() {
    Built built = build(100, 100, 400, "分管某某某某某某某某某某某某某某某某某某某工作的副局长");

    String text = composer.compose(built.digest());

    assertThat(bytes(text)).isLessThanOrEqualTo(DigestComposer.SUMMARY_MAX_BYTES);
    assertThat(text).contains("行摘要未列出，见看板").endsWith("详情看板：" + BOARD);
  }

  @Test
  void aSmallPlanIsStillListedItemByItem() {
    Built built = build(3, 4, 2, "副局长");

    String text = composer.compose(built.digest());

    assertThat(text).contains("2.3 推进第2部分第3项").doesNotContain("以下为摘要");
  }

  private record Built(WeeklyDigest digest) {}

  /**
   * {@code parts} × {@code leaves} items led by 2,000 units, {@code leaders} leaders sharing them;
   * each item reported last week and this week, some turning blocked, some overdue.
   */
  private static Built build(int parts, int leaves, int leaders, String leaderName) {
    List<PlanItem> items = new ArrayList<>();
    Map<String, Assignment> assignments = new HashMap<>();
    List<Unit> units = new ArrayList<>();
    for (int u = 1; u <= 2000; u++) {
      units.add(new Unit("u" + u, "单位" + u, UnitKind.DEPARTMENT));
    }
    List<ReportFact> reports = new ArrayList<>();
    List<ReportFact> thisWeek = new ArrayList<>();
    List<ReportFact> lastWeek = new ArrayList<>();
    long id = 0;
    int n = 0;
    for (int p = 1; p <= parts; p++) {
      items.add(
          new PlanItem(p * 1000, 2024, "" + p, null, "第" + p + "部分", "", false, n++, List.of()));
      for (int l = 1; l <= leaves; l++) {
        String code = p + "." + l;
        int k = p * leaves + l;
        items.add(
            new PlanItem(
                p * 1000 + l,
                2024,
                code,
                "" + p,
                "推进第" + p + "部分第" + l + "项工作任务落实",
                "",
                true,
                n++,
                List.of()));
        LocalDate deadline = k % 17 == 0 ? LocalDate.of(2024, 9, 30) : LocalDate.of(2024, 12, 31);
        assignments.put(
            code,
            new Assignment(
                code,
                "u" + (1 + k % 2000),
                List.of(),
                deadline,
                List.of(),
                "第" + (1 + k % leaders) + leaderName,
                null));
        ReportFact before =
            fact(++id, code, "u" + (1 + k % 2000), ReportStatus.IN_PROGRESS, 70, WEEK.previous());
        ReportStatus now =
            k % 11 == 0
                ? ReportStatus.BLOCKED
                : k % 7 == 0 ? ReportStatus.DELAYED : ReportStatus.IN_PROGRESS;
        ReportFact after = fact(++id, code, "u" + (1 + k % 2000), now, 75, WEEK);
        reports.add(before);
        lastWeek.add(before);
        if (k % 5 != 0) {
          reports.add(after);
          thisWeek.add(after);
        }
      }
    }
    ProgressSnapshot s = ProgressSnapshot.of(items, assignments, units, reports, Map.of());
    WeeklyDigest d =
        new DigestAssembler(ZONE)
            .assemble(s, WEEK, thisWeek, lastWeek, WEEK.start(ZONE).plusSeconds(3 * 86400), BOARD);
    return new Built(d);
  }

  private static ReportFact fact(
      long id, String code, String unit, ReportStatus status, int percent, ReportWeek week) {
    return new ReportFact(
        id,
        code,
        unit,
        "联络员",
        status,
        percent,
        "本周推进",
        status == ReportStatus.BLOCKED ? "用地未落实" : null,
        week.toString(),
        week.start(ZONE).plusSeconds(86400 + id % 3600),
        false,
        false,
        ReportResponsibility.LEAD);
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
