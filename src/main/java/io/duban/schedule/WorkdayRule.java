package io.duban.schedule;

/** What a schedule does when its regular fire day is not a work day. */
public enum WorkdayRule {
  /** Fire on the day regardless of holidays and weekends. */
  FIRE_ANY_DAY,
  /** Do not fire at all on a non-work day. */
  SKIP_NON_WORKDAY,
  /** Fire on the last work day before it, at the same time of day. */
  PREVIOUS_WORKDAY,
  /** Fire on the first work day after it, at the same time of day. */
  NEXT_WORKDAY
}
