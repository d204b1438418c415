package io.duban.report;

import io.duban.system.DomainException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reporting week (period): an ISO week such as {@code 2024-W23}, its days counted in the
 * service zone ({@code duban.zone}). The one type every feature uses for a week: what it parses is
 * what a report is stored under, the board shows and the digest covers.
 *
 * @param year the ISO week-based year
 * @param number the week of that year, 1 to 52 or 53
 */
public record ReportWeek(int year, int number) implements Comparable<ReportWeek> {

  /** Two digits as stored ({@code 2024-W05}); one is accepted from people ({@code 2024-W5}). */
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{1,2})");

  /** A 400 refusal for a week the year does not have. */
  public ReportWeek {
    long max = LocalDate.of(year, 7, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (number < 1 || number > max) {
      throw DomainException.badRequest("week " + year + "-W" + number + " does not exist");
    }
  }

  /** Parses {@code 2024-W23}; a clear 400 refusal otherwise. */
  public static ReportWeek parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw DomainException.badRequest("week must look like 2024-W23, not '" + text + "'");
    }
    return new ReportWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The week given as text, or the current week when the text is blank. */
  public static ReportWeek parseOrCurrent(String text, Clock clock, ZoneId zone) {
    return text == null || text.isBlank() ? current(clock, zone) : parse(text);
  }

  /** The week {@code day} falls in. */
  public static ReportWeek of(LocalDate day) {
    return new ReportWeek(
        day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The week {@code instant} falls in, seen from {@code zone}. */
  public static ReportWeek of(Instant instant, ZoneId zone) {
    return of(instant.atZone(zone).toLocalDate());
  }

  /** The week it is now in {@code zone}. */
  public static ReportWeek current(Clock clock, ZoneId zone) {
    return of(clock.instant(), zone);
  }

  public LocalDate monday() {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate sunday() {
    return monday().plusDays(6);
  }

  /** The first instant of the week in {@code zone}: Monday 00:00. */
  public Instant start(ZoneId zone) {
    return monday().atStartOfDay(zone).toInstant();
  }

  /** The first instant after the week in {@code zone}: the next Monday 00:00. */
  public Instant end(ZoneId zone) {
    return monday().plusDays(7).atStartOfDay(zone).toInstant();
  }

  /** When the week's reports are due: {@code day} of the week at {@code time} in {@code zone}. */
  public Instant due(DayOfWeek day, LocalTime time, ZoneId zone) {
    return monday().with(day).atTime(time).atZone(zone).toInstant();
  }

  public ReportWeek previous() {
    return minusWeeks(1);
  }

  public ReportWeek next() {
    return of(monday().plusDays(7));
  }

  public ReportWeek minusWeeks(long weeks) {
    return of(monday().minusWeeks(weeks));
  }

  /**
   * Whole weeks from {@code earlier} to this one: 0 for the same week, negative for a later one.
   */
  public long weeksSince(ReportWeek earlier) {
    return ChronoUnit.WEEKS.between(earlier.monday(), monday());
  }

  /** The week as people read it: {@code 2024年第23周}. */
  public String label() {
    return year + "年第" + number + "周";
  }

  @Override
  public int compareTo(ReportWeek other) {
    return monday().compareTo(other.monday());
  }

  /** {@code 2024-W23}, the form reports are stored under. */
  @Override
  public String toString() {
    // every stored report needs one: plain concatenation, not a Formatter per call
    return year + (number < 10 ? "-W0" : "-W") + number;
  }
}
