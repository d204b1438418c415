package io.duban.report;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a due date as people type it in chat: {@code 12月15日前}, {@code 1月15日}, {@code 2027年1月15日},
 * {@code 2027-01-15}, {@code 1/15}, {@code 下周五}, {@code 本周三}, {@code 明天}, {@code 后天}, {@code 月底},
 * {@code 3月底}, {@code 年底}, {@code 10个工作日内} is not a date (left to the words) but {@code 10日内} /
 * {@code 10天内} is today plus those days. A day written without its year is its next occurrence from
 * today (typed in December, {@code 1月15日} is next January). A trailing 前/之前/以前/内 belongs to it.
 */
final class DueDates {

  /** A date found in a text and where it was written. */
  record Found(LocalDate date, int start, int end) {}

  private static final String TAIL = "\\s*(?:之前|以前|前|内|为止)?";
  private static final Pattern FULL =
      Pattern.compile(
          "(\\d{4})\\s*[年\\-/.]\\s*(\\d{1,2})\\s*[月\\-/.]\\s*(\\d{1,2})\\s*[日号]?" + TAIL);
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "(?<!\\d)(\\d{1,2})\\s*(?:月\\s*(\\d{1,2})\\s*[日号]|/(\\d{1,2})(?!\\d))" + TAIL);
  private static final Pattern MONTH_END =
      Pattern.compile(
          "(?:(\\d{4})\\s*年\\s*)?(?:(\\d{1,2})\\s*月|本月|这个月|当月|(下)个?月|月)\\s*(?:底|末)" + TAIL);
  private static final Pattern YEAR_END =
      Pattern.compile("(?:(\\d{4})\\s*年|今年|年)\\s*(?:底|末)" + TAIL);
  private static final Pattern WEEKDAY =
      Pattern.compile("(本|这|下下|下)?\\s*(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])" + TAIL);
  private static final Pattern RELATIVE = Pattern.compile("(今天|明天|后天)" + TAIL);
  private static final Pattern WITHIN = Pattern.compile("(\\d{1,3})\\s*(?:个)?(?:天|日)内");

  private DueDates() {}

  /** The first due date written in {@code text}, or empty. */
  static Optional<Found> find(String text, LocalDate today) {
    List<Found> all = new ArrayList<>();
    collect(FULL, text, all, m -> date(num(m, 1), num(m, 2), num(m, 3)));
    collect(MONTH_END, text, all, m -> monthEnd(m, today));
    collect(
        MONTH_DAY,
        text,
        all,
        m -> next(num(m, 1), m.group(2) != null ? num(m, 2) : num(m, 3), today));
    collect(
        YEAR_END,
        text,
        all,
        m -> LocalDate.of(m.group(1) == null ? today.getYear() : num(m, 1), 12, 31));
    collect(WEEKDAY, text, all, m -> weekday(m.group(1), m.group(2), today));
    collect(
        RELATIVE,
        text,
        all,
        m ->
            today.plusDays(
                switch (m.group(1)) {
                  case "明天" -> 1;
                  case "后天" -> 2;
                  default -> 0;
                }));
    collect(WITHIN, text, all, m -> today.plusDays(num(m, 1)));
    // the earliest written wins; of two at one place (2027年1月15日 and 1月15日) the longer
    return all.stream()
        .min(Comparator.comparingInt(Found::start).thenComparing(f -> -(f.end() - f.start())));
  }

  private interface Reading {
    LocalDate date(Matcher m);
  }

  private static void collect(Pattern pattern, String text, List<Found> into, Reading reading) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      try {
        LocalDate date = reading.date(m);
        if (date != null) {
          into.add(new Found(date, m.start(), m.end()));
        }
      } catch (DateTimeException | NumberFormatException e) {
        // not a date (13月, 2月30日): the words stay words
      }
    }
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static LocalDate date(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  /** The next {@code month}/{@code day} on or after today. */
  private static LocalDate next(int month, int day, LocalDate today) {
    LocalDate thisYear = LocalDate.of(today.getYear(), month, day);
    return thisYear.isBefore(today) ? LocalDate.of(today.getYear() + 1, month, day) : thisYear;
  }

  private static LocalDate monthEnd(Matcher m, LocalDate today) {
    if (m.group(3) != null) {
      return YearMonth.from(today).plusMonths(1).atEndOfMonth();
    }
    if (m.group(2) == null) {
      return YearMonth.from(today).atEndOfMonth();
    }
    int month = num(m, 2);
    if (m.group(1) != null) {
      return YearMonth.of(num(m, 1), month).atEndOfMonth();
    }
    LocalDate end = YearMonth.of(today.getYear(), month).atEndOfMonth();
    return end.isBefore(today) ? YearMonth.of(today.getYear() + 1, month).atEndOfMonth() : end;
  }

  private static LocalDate weekday(String which, String day, LocalDate today) {
    int n = "一二三四五六日".indexOf(day) + 1;
    if (n == 0) {
      n = day.equals("天") ? 7 : Integer.parseInt(day);
    }
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    int weeks = which == null ? 0 : which.equals("下下") ? 2 : which.equals("下") ? 1 : 0;
    LocalDate date = monday.plusWeeks(weeks).plusDays(n - 1L);
    // a bare 周五 already past this week is next week's
    return which == null && date.isBefore(today) ? date.plusWeeks(1) : date;
  }
}
