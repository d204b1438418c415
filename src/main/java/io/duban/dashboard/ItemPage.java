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
 */
public record ItemPage(
    ItemStanding row,
    List<Milestone> milestones,
    List<ReportFact> reports,
    List<WeekLight> timeline,
    List<ClosingRecord> closings) {

  /** The light an item showed at the end of one week. */
  public record WeekLight(ReportWeek week, Light light, String reason) {}

  public boolean canClose() {
    return row.closing() == null && row.latest() != null && row.latest().done();
  }

  public boolean canReopen() {
    return row.closing() != null;
  }
}
