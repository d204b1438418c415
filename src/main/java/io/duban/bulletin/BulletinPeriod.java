package io.duban.bulletin;

import io.duban.report.ReportWeek;
import io.duban.system.ChineseDates;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The days a 通报 covers: an ISO week ({@code 2024-W23}) or any range of days asked for on demand. A
 * range that is exactly one week is that week, so it shares the week's issue number.
 *
 * @param key what the issue number is stored under: the week, or {@code 2024-06-01..2024-06-30}
 * @param week the week, or null for a range of days
 */
public record BulletinPeriod(String key, LocalDate from, LocalDate to, ReportWeek week) {

  /** The longest range a 通报 covers: a year. */
  static final int MAX_DAYS = 366;

  private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{1,2}");

  public static BulletinPeriod of(ReportWeek week) {
    return new BulletinPeriod(week.toString(), week.monday(), week.sunday(), week);
  }

  public static BulletinPeriod of(LocalDate from, LocalDate to) {
    if (from.getDayOfWeek() == DayOfWeek.MONDAY && to.equals(from.plusDays(6))) {
      return of(ReportWeek.of(from));
    }
    return new BulletinPeriod(from + ".." + to, from, to, null);
  }

  /**
   * The period the request names: {@code week}, or {@code from} and {@code to}, or without either
   * the last finished week. Every malformed or contradictory request is a 400 saying in Chinese
   * what is wrong.
   */
  public static BulletinPeriod parse(
      String week, String from, String to, Clock clock, ZoneId zone) {
    boolean hasWeek = week != null && !week.isBlank();
    boolean hasFrom = from != null && !from.isBlank();
    boolean hasTo = to != null && !to.isBlank();
    if (hasWeek && (hasFrom || hasTo)) {
      throw DomainException.badRequest("请只指定周次（week），或只指定起止日期（from 和 to），不要同时指定。");
    }
    if (hasWeek) {
      return of(week(week.strip()));
    }
    if (hasFrom != hasTo) {
      throw DomainException.badRequest(
          "按时段生成通报需要同时给出开始日期（from）和结束日期（to），例如 from=2024-06-01&to=2024-06-30。");
    }
    if (!hasFrom) {
      return of(ReportWeek.current(clock, zone).previous());
    }
    LocalDate start = day(from.strip(), "开始日期");
    LocalDate end = day(to.strip(), "结束日期");
    if (start.isAfter(end)) {
      throw DomainException.badRequest("开始日期（" + start + "）晚于结束日期（" + end + "）。");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw DomainException.badRequest("一期通报最长覆盖一年（" + MAX_DAYS + "天），请缩短起止日期。");
    }
    return of(start, end);
  }

  private static ReportWeek week(String text) {
    if (!WEEK.matcher(text).matches()) {
      throw DomainException.badRequest("周次应写成“2024-W23”的形式（年份-W周数），收到的是“" + shown(text) + "”。");
    }
    try {
      return ReportWeek.parse(text);
    } catch (DomainException e) {
      throw DomainException.badRequest("周次“" + shown(text) + "”不存在：该年没有这一周。");
    }
  }

  private static LocalDate day(String text, String what) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw DomainException.badRequest(what + "应写成“2024-06-01”的形式，收到的是“" + shown(text) + "”。");
    }
  }

  /** The caller's text, cut, for the refusal: never a wall of it. */
  private static String shown(String text) {
    String t = text.replaceAll("\\p{Cntrl}", "");
    return t.length() > 20 ? t.substring(0, 20) + "…" : t;
  }

  /** The year the issue is numbered in: the week's, or the range's last day's. */
  public int year() {
    return week != null ? week.year() : to.getYear();
  }

  /** The first instant of the period in {@code zone}. */
  Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period in {@code zone}. */
  Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The period as a reader names it: {@code 2024年第23周（6月3日—6月9日）} or the two dates. */
  public String label() {
    if (week != null) {
      return ChineseDates.week(from, LocalDate.MIN);
    }
    return ChineseDates.fullDate(from) + "至" + ChineseDates.fullDate(to);
  }

  /** The same number of days just before this period: what is compared without an earlier issue. */
  BulletinPeriod before() {
    if (week != null) {
      return of(week.previous());
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    return of(from.minusDays(days), from.minusDays(1));
  }

  /** The file name of its document. */
  public String filename() {
    return "督查通报-" + key.replace("..", "至") + ".docx";
  }
}
