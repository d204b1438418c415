package io.duban.dashboard;

import io.duban.report.ClosingRecord;
import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import io.duban.unit.Milestone;
import java.util.List;

/**
 * Everything the item page shows.
 *
 * @param reports every report on the item, newest first
 * @param timeline the item's light week by week, oldest first
 * @param handling every step of the item's handling with person and time, oldest first
 * @param waiting what the handling waits for (延期 to decide, 退回 to answer, 复核), or blank
 * @param acknowledgement the lead unit's 签收, or null when none is owed
 * @param extensionAsked the new deadline of a pending 申请延期, or null (the leader decides it here)
 * @param reviewable true when the 督查 office may 复核 a 申请办结 or a DONE report here
 */
public record ItemPage(
    ItemStanding row,
    List<Milestone> milestones,
    List<ReportFact> reports,
    List<WeekLight> timeline,
    List<ClosingRecord> closings,
    List<HandlingLine> handling,
    String waiting,
    io.duban.unit.Acknowledgement acknowledgement,
    java.time.LocalDate extensionAsked,
    boolean reviewable) {

  /** The light an item showed at the end of one week. */
  public record WeekLight(ReportWeek week, Light light, String reason) {}

  public boolean canClose() {
    return row.closing() == null && row.latest() != null && row.latest().done();
  }

  public boolean canReopen() {
    return row.closing() != null;
  }
}
