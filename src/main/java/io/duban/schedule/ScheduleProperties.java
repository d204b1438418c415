package io.duban.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Schedules, reminders and escalation ({@code duban.schedule}).
 *
 * @param holidays location of the yearly holiday files ({@code <year>.yml}), a Spring resource
 *     location such as {@code classpath:config/holidays/} or {@code file:/etc/duban/holidays/}
 * @param seedFile default schedules written at first start, a Spring resource location
 * @param jobTimeout longest a scheduled run may take before it is recorded as FAILED
 * @param misfireGrace a fire delayed longer than this (all instances were down) is recorded as
 *     MISSED instead of sending stale reminders
 * @param yellowAfterPeriods weeks without a report that turn an item yellow
 * @param redAfterPeriods weeks without a report that turn an item red
 * @param blueWithinDays days before the deadline an open item turns blue
 * @param reportDueDay with reportDueTime: a unit's first report of the week after this is late
 * @param reportDueTime see reportDueDay
 */
@ConfigurationProperties("duban.schedule")
public record ScheduleProperties(
    String holidays,
    Resource seedFile,
    Duration jobTimeout,
    Duration misfireGrace,
    Integer yellowAfterPeriods,
    Integer redAfterPeriods,
    Integer blueWithinDays,
    DayOfWeek reportDueDay,
    LocalTime reportDueTime) {

  public ScheduleProperties {
    holidays = holidays == null ? "classpath:config/holidays/" : holidays;
    seedFile = seedFile == null ? new ClassPathResource("config/schedules.yml") : seedFile;
    jobTimeout = jobTimeout == null ? Duration.ofMinutes(2) : jobTimeout;
    misfireGrace = misfireGrace == null ? Duration.ofHours(12) : misfireGrace;
    yellowAfterPeriods = yellowAfterPeriods == null ? 2 : yellowAfterPeriods;
    redAfterPeriods = redAfterPeriods == null ? 3 : redAfterPeriods;
    blueWithinDays = blueWithinDays == null ? 14 : blueWithinDays;
    reportDueDay = reportDueDay == null ? DayOfWeek.THURSDAY : reportDueDay;
    reportDueTime = reportDueTime == null ? LocalTime.of(15, 0) : reportDueTime;
    if (redAfterPeriods < yellowAfterPeriods) {
      throw new IllegalArgumentException("duban.schedule.red-after-periods < yellow-after-periods");
    }
  }
}
