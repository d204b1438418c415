package io.duban.dashboard;

import io.duban.report.PlanStanding;
import io.duban.report.ReportWeek;
import io.duban.system.ChineseDates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates, times and weeks for the pages, in the service zone and as {@link ChineseDates} writes
 * them: {@code 6月5日 10:30}, {@code 第23周（6月3日—6月9日）}, with the year when it is not this year's.
 */
public record TimeText(ZoneId zone, Clock clock) {

  /** Today in the service zone. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  public String time(Instant instant) {
    return ChineseDates.dateTime(instant, zone, today());
  }

  public String full(Instant instant) {
    return ChineseDates.dateTime(instant, zone, today());
  }

  public String date(LocalDate day) {
    return ChineseDates.date(day, today());
  }

  /** {@code 第23周（6月3日—6月9日）}. */
  public String week(ReportWeek week) {
    return week == null ? "" : ChineseDates.week(week.monday(), today());
  }

  /** {@code 第23周}, where the days would not fit. */
  public String shortWeek(ReportWeek week) {
    return week == null ? "" : ChineseDates.shortWeek(week.monday(), today());
  }

  /** A stored period ({@code 2024-W23}) as {@link #week}. */
  public String period(String period) {
    return period == null || period.isBlank() ? "" : week(ReportWeek.parse(period));
  }

  /** The day the board's facts are as of: the week's Sunday, or today while the week runs. */
  public String asOf(PlanStanding board) {
    return date(ChineseDates.asOf(board.week().sunday(), today()));
  }
}
