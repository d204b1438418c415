package io.duban.bulletin;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingAction;
import io.duban.report.ClosingChannel;
import io.duban.report.ClosingRecord;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small 2024 plan as of week 23 (6月3日—6月9日), each item in a known standing: 1.1 reported done
 * this week, 1.2 well ahead of pace, 1.3 past its deadline (5月31日), 2 behind pace, 3.1 closed in
 * May, 3.2 never reported.
 */
final class BulletinFixture {

  static final LocalDate YEAR_END = LocalDate.of(2024, 12, 31);

  private BulletinFixture() {}

  static ProgressSnapshot snapshot() {
    return snapshot("建设科技企业孵化载体", "重大平台建设科");
  }

  /** The same plan with item 1.3 under another title and its lead unit under another name. */
  static ProgressSnapshot snapshot(String title13, String platformsName) {
    List<PlanItem> items =
        List.of(
            item(1, "1", null, "实施重大创新载体提升行动", false),
            item(2, "1.1", "1", "推进省实验室建设", true),
            item(3, "1.2", "1", "加快推动重大科技创新平台建设", true),
            item(4, "1.3", "1", title13, true),
            item(5, "2", null, "培育壮大高新技术企业", true),
            item(6, "3", null, "优化科技创新生态", false),
            item(7, "3.1", "3", "修订科技计划项目管理办法", true),
            item(8, "3.2", "3", "开展科技政策宣讲", true));
    Map<String, Assignment> assignments =
        Map.of(
            "1.1", assign("1.1", "platforms", YEAR_END),
            "1.2", assign("1.2", "platforms", YEAR_END),
            "1.3", assign("1.3", "platforms", LocalDate.of(2024, 5, 31)),
            "2", assign("2", "hightech", YEAR_END),
            "3.1", assign("3.1", "rules", YEAR_END),
            "3.2", assign("3.2", "rules", YEAR_END));
    List<Unit> units =
        List.of(
            new Unit("platforms", platformsName, UnitKind.DEPARTMENT),
            new Unit("hightech", "高新技术发展及产业化科", UnitKind.DEPARTMENT),
            new Unit("rules", "规划与法规科", UnitKind.DEPARTMENT));
    List<ReportFact> reports =
        List.of(
            report(
                1,
                "1.1",
                "platforms",
                ReportStatus.IN_PROGRESS,
                70,
                "省实验室主体已封顶",
                "2024-W22",
                "2024-05-29T02:00:00Z"),
            report(
                2,
                "1.1",
                "platforms",
                ReportStatus.DONE,
                100,
                "省实验室已挂牌运行",
                "2024-W23",
                "2024-06-05T02:00:00Z"),
            report(
                3,
                "1.2",
                "platforms",
                ReportStatus.IN_PROGRESS,
                90,
                "药创院省重点实验室申报材料已报送",
                "2024-W23",
                "2024-06-06T03:00:00Z"),
            report(
                4,
                "1.3",
                "platforms",
                ReportStatus.DELAYED,
                50,
                "孵化器场地审批尚未完成",
                "2024-W23",
                "2024-06-04T06:00:00Z"),
            report(
                5,
                "2",
                "hightech",
                ReportStatus.IN_PROGRESS,
                10,
                "企业走访推进缓慢",
                "2024-W23",
                "2024-06-05T08:00:00Z"));
    Map<String, ClosingRecord> closings =
        Map.of(
            "3.1",
            new ClosingRecord(
                "3.1",
                ClosingAction.CLOSE,
                "李副局长",
                ClosingChannel.DASHBOARD,
                "",
                Instant.parse("2024-05-20T02:00:00Z")));
    return ProgressSnapshot.of(items, assignments, units, reports, closings);
  }

  /**
   * A province-scale plan: {@code parts} top-level parts (第p部分) of {@code perPart} items p.i each,
   * led by unit {@code "u" + i % 7} (第k处), the even ones supported by the next unit; the odd ones
   * reported done in week 23 ("p.i已完成"), the even ones never reported.
   */
  static ProgressSnapshot large(int parts, int perPart) {
    List<PlanItem> items = new ArrayList<>();
    Map<String, Assignment> assignments = new HashMap<>();
    List<ReportFact> reports = new ArrayList<>();
    List<Unit> units = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      units.add(new Unit("u" + k, "第" + k + "处", UnitKind.DEPARTMENT));
    }
    long id = 0;
    for (int p = 1; p <= parts; p++) {
      items.add(item(++id, String.valueOf(p), null, "第" + p + "部分", false));
      for (int i = 1; i <= perPart; i++) {
        String code = p + "." + i;
        items.add(item(++id, code, String.valueOf(p), "第" + p + "部分第" + i + "项重点任务", true));
        List<String> support = i % 2 == 0 ? List.of("u" + (i + 1) % 7) : List.of();
        assignments.put(
            code, new Assignment(code, "u" + i % 7, support, YEAR_END, List.of(), "李副局长", "张伟"));
        if (i % 2 == 1) {
          reports.add(
              report(
                  id,
                  code,
                  "u" + i % 7,
                  ReportStatus.DONE,
                  100,
                  code + "已完成",
                  "2024-W23",
                  "2024-06-05T02:00:00Z"));
        }
      }
    }
    return ProgressSnapshot.of(items, assignments, units, reports, Map.of());
  }

  private static PlanItem item(long id, String code, String parent, String title, boolean leaf) {
    return new PlanItem(id, 2024, code, parent, title, "", leaf, (int) id);
  }

  private static Assignment assign(String code, String unit, LocalDate deadline) {
    return new Assignment(code, unit, List.of(), deadline, List.of(), "李副局长", "张伟");
  }

  private static ReportFact report(
      long id,
      String code,
      String unit,
      ReportStatus status,
      Integer percent,
      String text,
      String period,
      String at) {
    return new ReportFact(
        id, code, unit, "张伟", status, percent, text, null, period, Instant.parse(at), false);
  }
}
