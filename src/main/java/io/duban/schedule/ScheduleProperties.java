package io.duban.schedule;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Schedules, reminders and escalation ({@code duban.schedule}).
 *
 * @param holidays location of the yearly holiday files ({@code <year>.yml}), a Spring resource
 *     location such as {@code classpath:config/holidays/} or {@code file:/etc/duban/holidays/}
 *     (default and environment variable {@code DUBAN_HOLIDAYS} in {@code application.yml})
 * @param seedFile default schedules written at first start, a Spring resource location (default and
 *     environment variable {@code DUBAN_SCHEDULES_FILE} in {@code application.yml})
 * @param jobTimeout longest a scheduled run may take before it is recorded as FAILED, default 2m
 * @param misfireGrace a fire delayed longer than this (all instances were down) is recorded as
 *     MISSED instead of sending stale reminders, default 12h
 * @param yellowAfterPeriods weeks without a report that turn an item yellow in 催办, default 2
 * @param redAfterPeriods weeks without a report that turn an item red in 催办, default 3
 * @param blueWithinDays days before the deadline an open item turns blue, default 14
 * @param acknowledgeRemindAfterWorkdays work days after an assignment without its lead unit's 签收
 *     before the unit's groups are reminded (with each 催报), default 2
 * @param acknowledgeEscalateAfterWorkdays work days without 签收 before the leaders' groups hear of
 *     it (with each 催办 to the leaders), default 5
 */
@ConfigurationProperties("duban.schedule")
@Validated
public record ScheduleProperties(
    @NotNull String holidays,
    @NotNull Resource seedFile,
    Duration jobTimeout,
    Duration misfireGrace,
    Integer yellowAfterPeriods,
    Integer redAfterPeriods,
    Integer blueWithinDays,
    Integer acknowledgeRemindAfterWorkdays,
    Integer acknowledgeEscalateAfterWorkdays) {

  public ScheduleProperties {
    acknowledgeRemindAfterWorkdays =
        acknowledgeRemindAfterWorkdays == null ? 2 : acknowledgeRemindAfterWorkdays;
    acknowledgeEscalateAfterWorkdays =
        acknowledgeEscalateAfterWorkdays == null ? 5 : acknowledgeEscalateAfterWorkdays;
    jobTimeout = jobTimeout == null ? Duration.ofMinutes(2) : jobTimeout;
    misfireGrace = misfireGrace == null ? Duration.ofHours(12) : misfireGrace;
    yellowAfterPeriods = yellowAfterPeriods == null ? 2 : yellowAfterPeriods;
    redAfterPeriods = redAfterPeriods == null ? 3 : redAfterPeriods;
    blueWithinDays = blueWithinDays == null ? 14 : blueWithinDays;
    if (redAfterPeriods < yellowAfterPeriods) {
      throw new IllegalArgumentException("duban.schedule.red-after-periods < yellow-after-periods");
    }
  }
}
