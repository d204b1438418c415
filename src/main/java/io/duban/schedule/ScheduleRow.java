package io.duban.schedule;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A schedule as the dashboard shows it. Public because Thymeleaf's SpEL cannot call methods of
 * package-private classes.
 *
 * @param target who gets the messages, in Chinese
 * @param next the next fire times, formatted with the weekday; empty when paused
 */
public record ScheduleRow(
    long id,
    String name,
    ScheduleKind kind,
    String cron,
    String zone,
    String target,
    WorkdayRule workdayRule,
    boolean enabled,
    List<String> next) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd（EEE）HH:mm", Locale.CHINA);

  static ScheduleRow of(ScheduleService.ScheduleView v) {
    return new ScheduleRow(
        v.id(),
        v.name(),
        v.kind(),
        v.cron(),
        v.zone(),
        ScheduleTarget.stored(v.target()).label(),
        v.workdayRule(),
        v.enabled(),
        times(v.nextFireTimes()));
  }

  static List<String> times(List<OffsetDateTime> times) {
    return times.stream().map(TIME::format).toList();
  }
}
