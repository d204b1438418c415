package io.duban.report;

/** The state a progress report gives its plan item. */
public enum ReportStatus {
  IN_PROGRESS("推进中"),
  DONE("已完成"),
  DELAYED("滞后"),
  BLOCKED("受阻");

  private final String label;

  ReportStatus(String label) {
    this.label = label;
  }

  /** The Chinese word shown to users. */
  public String label() {
    return label;
  }
}
