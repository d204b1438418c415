package io.duban.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** A reporting period: an ISO week, written {@code 2024-W23}. */
record IsoWeek(LocalDate monday) {

  IsoWeek {
    monday = monday.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static IsoWeek of(LocalDate day) {
    return new IsoWeek(day);
  }

  static IsoWeek parse(String text) {
    String[] parts = text.split("-W");
    LocalDate anyDay =
        LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]));
    return new IsoWeek(anyDay);
  }

  LocalDate sunday() {
    return monday.plusDays(6);
  }

  IsoWeek minusWeeks(long weeks) {
    return new IsoWeek(monday.minusWeeks(weeks));
  }

  /** Whole weeks from {@code earlier} to this one (0 for the same week). */
  long weeksSince(IsoWeek earlier) {
    return ChronoUnit.WEEKS.between(earlier.monday, monday);
  }

  @Override
  public String toString() {
    return String.format(
        "%d-W%02d",
        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
