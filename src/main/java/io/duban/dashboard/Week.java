package io.duban.dashboard;

import io.duban.system.DomainException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: an ISO week such as {@code 2024-W23}. */
public record Week(int year, int number) implements Comparable<Week> {

  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{1,2})");

  public Week {
    LocalDate probe = LocalDate.of(year, 6, 1);
    long max = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (number < 1 || number > max) {
      throw DomainException.badRequest("week " + year + "-W" + number + " does not exist");
    }
  }

  /** Parses {@code 2024-W23}; a clear 400 refusal otherwise. */
  static Week parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw DomainException.badRequest("week must look like 2024-W23, not '" + text + "'");
    }
    return new Week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  static Week of(LocalDate day) {
    return new Week(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  static Week current(Clock clock, ZoneId zone) {
    return of(LocalDate.now(clock.withZone(zone)));
  }

  /** The week given as text, or the current week when the text is blank. */
  static Week parseOrCurrent(String text, Clock clock, ZoneId zone) {
    return text == null || text.isBlank() ? current(clock, zone) : parse(text);
  }

  public LocalDate monday() {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate sunday() {
    return monday().plusDays(6);
  }

  Week previous() {
    return of(monday().minusDays(7));
  }

  Week next() {
    return of(monday().plusDays(7));
  }

  @Override
  public int compareTo(Week other) {
    return monday().compareTo(other.monday());
  }

  @Override
  public String toString() {
    return String.format("%d-W%02d", year, number);
  }
}
