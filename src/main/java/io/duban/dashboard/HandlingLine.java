package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingRecord;
import io.duban.report.ItemStep;
import io.duban.report.ReportFact;
import io.duban.unit.Acknowledgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One step of an item's handling as the item page's timeline and the ledger show it: 立项/交办, 签收,
 * each 进展, 延期, 退回, 申请办结, 复核, 确认办结, with the person, where and when.
 *
 * @param via where it was done (群聊, 网页, 接口), or blank
 * @param note what was said (reason, report text), as typed
 */
public record HandlingLine(Instant at, String step, String actor, String via, String note) {

  /** Every known step of {@code item}, oldest first. */
  static List<HandlingLine> of(
      PlanItem item,
      Acknowledgement acknowledgement,
      List<ReportFact> reports,
      List<ItemStep> steps,
      List<ClosingRecord> closings,
      Map<String, String> unitNames) {
    List<HandlingLine> lines = new ArrayList<>();
    if (item.task() && item.source().filedAt() != null) {
      lines.add(
          new HandlingLine(
              item.source().filedAt(),
              "交办（" + item.source().kind().label() + "）",
              nonNull(item.source().filedBy()),
              "",
              nonNull(item.source().ref())));
    }
    if (acknowledgement != null) {
      String unit = unitNames.getOrDefault(acknowledgement.unitCode(), acknowledgement.unitCode());
      if (!item.task()) {
        lines.add(new HandlingLine(acknowledgement.assignedAt(), "分工下达", unit, "", ""));
      }
      if (acknowledgement.acknowledged()) {
        lines.add(
            new HandlingLine(
                acknowledgement.acknowledgedAt(),
                "签收",
                unit + " " + nonNull(acknowledgement.acknowledgedBy()),
                "群聊",
                ""));
      }
    }
    for (ReportFact r : reports) {
      String unit = r.unitCode() == null ? "" : unitNames.getOrDefault(r.unitCode(), r.unitCode());
      lines.add(
          new HandlingLine(
              r.createdAt(),
              "报送进展" + (r.percent() == null ? "" : "（" + r.percent() + "%）"),
              (unit + " " + nonNull(r.reporter())).strip(),
              "群聊",
              nonNull(r.text())));
    }
    for (ItemStep s : steps) {
      String note = s.note();
      if (s.dueAfter() != null && s.kind().name().startsWith("EXTENSION")) {
        note = "时限 " + s.dueBefore() + " → " + s.dueAfter() + (note.isBlank() ? "" : "；" + note);
      }
      lines.add(new HandlingLine(s.at(), s.kind().label(), s.actor(), s.via().label(), note));
    }
    for (ClosingRecord c : closings) {
      lines.add(
          new HandlingLine(
              c.at(),
              c.action().label(),
              c.actor(),
              c.via() == null ? "" : c.via().label(),
              c.note()));
    }
    lines.sort(Comparator.comparing(HandlingLine::at));
    return List.copyOf(lines);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
