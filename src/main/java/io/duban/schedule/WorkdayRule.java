package io.duban.schedule;

/** What a schedule does when its regular fire day is not a work day. */
public enum WorkdayRule {
  /** Fire on the day regardless of holidays and weekends. */
  FIRE_ANY_DAY("节假日照常执行"),
  /** Do not fire at all on a non-work day. */
  SKIP_NON_WORKDAY("非工作日不执行"),
  /** Fire on the last work day before it, at the same time of day. */
  PREVIOUS_WORKDAY("提前到前一个工作日"),
  /** Fire on the first work day after it, at the same time of day. */
  NEXT_WORKDAY("顺延到下一个工作日");

  private final String label;

  WorkdayRule(String label) {
    this.label = label;
  }

  /** The rule as users see it on the dashboard. */
  public String label() {
    return label;
  }
}
