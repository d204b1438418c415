package io.duban.schedule;

/** What a schedule does when it fires. */
public enum ScheduleKind {
  /** Remind units whose led items have no report this week. */
  REMINDER("提醒"),
  /** Raise blue/yellow/red 催办 for stale, behind or overdue items. */
  ESCALATION("催办"),
  /** Send leaders the weekly digest of last week. */
  DIGEST("周报");

  private final String label;

  ScheduleKind(String label) {
    this.label = label;
  }

  /** The name users see on the dashboard. */
  public String label() {
    return label;
  }
}
