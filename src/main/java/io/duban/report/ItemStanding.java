package io.duban.report;

import io.duban.plan.PlanItem;
import java.time.LocalDate;
import java.util.List;

/**
 * One leaf item as of a week: responsibility, latest report, light and why.
 *
 * @param leadUnit lead unit's code, or null when unassigned
 * @param latest the latest report up to the week's end, or null
 * @param closing the closing when the item is closed by the week's end, else null
 */
public record ItemStanding(
    PlanItem item,
    String sectionCode,
    String leadUnit,
    String leadName,
    List<String> supportNames,
    LocalDate deadline,
    ReportFact latest,
    Judgement judgement,
    ClosingRecord closing) {

  /** The completion shown: closed and done items count as 100. */
  public int percent() {
    if (closing != null || (latest != null && latest.done())) {
      return 100;
    }
    return latest == null || latest.percent() == null ? 0 : latest.percent();
  }

  public Light light() {
    return judgement.light();
  }

  public boolean closed() {
    return closing != null;
  }

  /**
   * True when the item is open, not reported done, and {@code asOf} (the standing's last day) is
   * past its deadline: what {@link LightRule} turns red as 已超过完成时限.
   */
  public boolean overdue(LocalDate asOf) {
    return closing == null
        && !(latest != null && latest.done())
        && deadline != null
        && asOf.isAfter(deadline);
  }

  public String supportText() {
    return String.join("、", supportNames);
  }

  /** True when the row concerns the unit, as lead or support. */
  public boolean involves(String unitName) {
    return unitName.equals(leadName) || supportNames.contains(unitName);
  }
}
