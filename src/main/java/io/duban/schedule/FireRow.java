package io.duban.schedule;

import java.time.Instant;

/**
 * One fire of a schedule as the dashboard's history shows it. Public because Thymeleaf's SpEL
 * cannot call methods of package-private classes.
 *
 * @param trigger 定时 (Quartz) or 手动 (an admin's run now)
 * @param outcome the outcome in Chinese
 * @param failed whether the fire failed, or a message it queued failed for good
 * @param delivery what came of its messages so far, e.g. 已送达 2 条，失败 2 条（…）; empty when it queued
 *     none
 */
public record FireRow(
    Instant firedAt,
    String trigger,
    String outcome,
    boolean failed,
    int messages,
    String detail,
    String delivery) {

  static FireRow of(ScheduleService.FireView fire) {
    FireOutcome.Outcome outcome = FireOutcome.Outcome.valueOf(fire.outcome());
    return new FireRow(
        fire.firedAt(),
        "MANUAL".equals(fire.trigger()) ? "手动" : "定时",
        outcome.label(),
        outcome == FireOutcome.Outcome.FAILED || fire.delivery().failed(),
        fire.messages(),
        fire.detail(),
        fire.delivery().text());
  }
}
