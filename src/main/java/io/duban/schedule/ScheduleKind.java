package io.duban.schedule;

/** What a schedule does when it fires. */
public enum ScheduleKind {
  /** Remind units whose led items have no report this week. */
  REMINDER,
  /** Raise blue/yellow/red 催办 for stale, behind or overdue items. */
  ESCALATION,
  /** Send leaders the weekly digest of last week. */
  DIGEST
}
