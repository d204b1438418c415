package io.duban.report;

/**
 * What the reporting unit is to the item it reported on, fixed when the report is stored: only a
 * lead unit's report counts as the item's report (未报, reminders, lateness, lights); a supporting or
 * other unit's report is kept as that unit's own.
 */
public enum ReportResponsibility {
  LEAD("牵头"),
  SUPPORT("配合"),
  NONE("非责任单位");

  private final String label;

  ReportResponsibility(String label) {
    this.label = label;
  }

  /** The Chinese word shown to users. */
  public String label() {
    return label;
  }

  /** True when the report is the item's own: its lead unit's. */
  public boolean leads() {
    return this == LEAD;
  }
}
