package io.duban.system;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The one way dates and weeks are written for people (chat replies, reminders, escalations, the
 * digest, the pages and the ledger): {@code 12月31日}, {@code 2025年12月31日} when not of the current
 * year, weeks as {@code 第49周（11月30日—12月6日）} (ISO weeks, {@code 2024年第49周（12月2日—12月8日）} when of
 * another year). {@code today} is the reader's today in the service zone; it decides which year is
 * "current".
 */
public final class ChineseDates {

  private ChineseDates() {}

  /** {@code 12月31日}, or {@code 2025年12月31日} when {@code day} is not in today's year. */
  public static String date(LocalDate day, LocalDate today) {
    if (day == null) {
      return "";
    }
    String monthDay = day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    return day.getYear() == today.getYear() ? monthDay : day.getYear() + "年" + monthDay;
  }

  /** {@code 2026年12月31日}: the date with its year always, for titles and printed documents. */
  public static String fullDate(LocalDate day) {
    return day == null
        ? ""
        : day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /** {@code 12月2日 09:30}, with the year when the instant is not in today's year. */
  public static String dateTime(Instant instant, ZoneId zone, LocalDate today) {
    if (instant == null) {
      return "";
    }
    ZonedDateTime at = instant.atZone(zone);
    return date(at.toLocalDate(), today)
        + " "
        + String.format("%02d:%02d", at.getHour(), at.getMinute());
  }

  /**
   * The ISO week holding {@code day}: {@code 第49周（11月30日—12月6日）}, prefixed with its week-based year
   * ({@code 2024年第49周（12月2日—12月8日）}) when that is not today's.
   */
  public static String week(LocalDate day, LocalDate today) {
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate sunday = monday.plusDays(6);
    int year = monday.get(IsoFields.WEEK_BASED_YEAR);
    int number = monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    String prefix = year == today.get(IsoFields.WEEK_BASED_YEAR) ? "" : year + "年";
    return prefix + "第" + number + "周（" + monthDay(monday) + "—" + monthDay(sunday) + "）";
  }

  /** {@code 第49周}, or {@code 2024年第49周} when of another year: where the days would be too long. */
  public static String shortWeek(LocalDate day, LocalDate today) {
    int year = day.get(IsoFields.WEEK_BASED_YEAR);
    int number = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return (year == today.get(IsoFields.WEEK_BASED_YEAR) ? "" : year + "年") + "第" + number + "周";
  }

  /** The day a week's facts are stated as of: its Sunday, or today while the week is running. */
  public static LocalDate asOf(LocalDate weekEnd, LocalDate today) {
    return weekEnd.isAfter(today) ? today : weekEnd;
  }

  private static String monthDay(LocalDate day) {
    return day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }
}
