package io.duban.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import org.quartz.CronExpression;

/**
 * When a schedule really fires: the occurrences of its cron expression, each moved or dropped by
 * its work-day rule. A PREVIOUS_WORKDAY fire can come before its cron time, a NEXT_WORKDAY fire
 * after it, so occurrences are scanned from a month back.
 */
final class FireTimes {

  private static final int MAX_OCCURRENCES = 20_000;

  private final WorkdayCalendar calendar;

  FireTimes(WorkdayCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * Parses a Quartz cron expression, or explains in Chinese what is wrong with it; each field is
   * first checked strictly ({@link CronFields}), since Quartz reads some typos as something else.
   */
  static CronExpression parse(String cron, ZoneId zone) {
    CronFields.check(cron);
    try {
      CronExpression expression = new CronExpression(cron);
      expression.setTimeZone(TimeZone.getTimeZone(zone));
      return expression;
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Quartz 不接受此 cron 表达式（" + e.getMessage() + "）。" + CronFields.HINT);
    }
  }

  /** The next {@code count} fire instants strictly after {@code after}. */
  List<Instant> next(String cron, ZoneId zone, WorkdayRule rule, Instant after, int count) {
    CronExpression expression = parse(cron, zone);
    TreeSet<Instant> found = new TreeSet<>();
    Instant cursor = scanStart(zone, rule, after);
    for (int i = 0; i < MAX_OCCURRENCES; i++) {
      Date next = expression.getNextValidTimeAfter(Date.from(cursor));
      if (next == null) {
        break;
      }
      cursor = next.toInstant();
      effective(cursor, zone, rule).filter(t -> t.isAfter(after)).ifPresent(found::add);
      if (found.size() >= count) {
        Instant kth = new ArrayList<>(found).get(count - 1);
        // A later occurrence can still land earlier only when the rule moves fires backwards.
        Instant horizon =
            rule == WorkdayRule.PREVIOUS_WORKDAY ? kth.plus(Duration.ofDays(32)) : kth;
        if (cursor.isAfter(horizon)) {
          break;
        }
      }
    }
    return new ArrayList<>(found).subList(0, Math.min(count, found.size()));
  }

  /**
   * Where to start reading cron occurrences: NEXT_WORKDAY can move an occurrence that lies before
   * {@code after} (on the holiday we are in) past it, so those start at the first day off of the
   * current break; every other rule only looks forward.
   */
  private Instant scanStart(ZoneId zone, WorkdayRule rule, Instant after) {
    LocalDate day = after.atZone(zone).toLocalDate();
    if (rule != WorkdayRule.NEXT_WORKDAY || calendar.isWorkday(day)) {
      return after;
    }
    for (int i = 0; i < 31 && !calendar.isWorkday(day.minusDays(1)); i++) {
      day = day.minusDays(1);
    }
    return day.atStartOfDay(zone).toInstant().minusSeconds(1);
  }

  /** The first fire strictly after {@code after}, if the expression ever fires again. */
  Optional<Instant> nextAfter(String cron, ZoneId zone, WorkdayRule rule, Instant after) {
    return next(cron, zone, rule, after, 1).stream().findFirst();
  }

  private Optional<Instant> effective(Instant occurrence, ZoneId zone, WorkdayRule rule) {
    ZonedDateTime local = occurrence.atZone(zone);
    Optional<LocalDate> day = calendar.shift(local.toLocalDate(), rule);
    return day.map(d -> ZonedDateTime.of(d, local.toLocalTime(), zone).toInstant());
  }
}
