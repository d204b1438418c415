package io.duban.report;

import io.duban.system.DomainException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reporting week: an ISO week such as {@code 2024-W23}, counted in the service zone. */
public final class ReportPeriod {

  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

  private ReportPeriod() {}

  /** The period {@code instant} falls in, seen from {@code zone}. */
  public static String of(Instant instant, ZoneId zone) {
    return of(instant.atZone(zone).toLocalDate());
  }

  public static String of(LocalDate day) {
    int year = day.get(IsoFields.WEEK_BASED_YEAR);
    int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    // every stored report needs one: plain concatenation, not a Formatter per call
    return year + (week < 10 ? "-W0" : "-W") + week;
  }

  /** The Monday a period starts on; a 400 refusal when {@code period} is not a valid week. */
  public static LocalDate monday(String period) {
    Matcher m = period == null ? null : FORMAT.matcher(period);
    if (m == null || !m.matches()) {
      throw DomainException.badRequest("week must look like 2024-W23, not " + period);
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    LocalDate mid = LocalDate.of(year, 7, 1);
    if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      throw DomainException.badRequest("year " + year + " has no week " + week);
    }
    return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
