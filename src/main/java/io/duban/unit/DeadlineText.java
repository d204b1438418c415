package io.duban.unit;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a 完成时限 as plan documents write it (2025年9月底, 6月30日前, 年底, 全年, 上半年, 三季度, 2025-09-30) as the
 * last day it allows, in the plan's year unless it names one; several dates: the latest. Text that
 * is no date (长期坚持, 持续推进) gives none.
 */
final class DeadlineText {

  private static final Pattern DAY =
      Pattern.compile("(?:(\\d{4})\\s*[-/.年])?\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?");
  private static final Pattern MONTH =
      Pattern.compile("(?:(\\d{4})\\s*年)?\\s*(\\d{1,2})\\s*月\\s*(上旬|中旬|下旬|底|末|份|前|内)?");
  private static final Pattern QUARTER = Pattern.compile("(?:第)?([一二三四1-4])\\s*季度");
  private static final Pattern HALF = Pattern.compile("(上|下)半年");
  private static final Pattern YEAR_END = Pattern.compile("(?:(\\d{4})\\s*)?年\\s*(?:底|末|内)|全年");

  private DeadlineText() {}

  static Optional<LocalDate> read(String text, int planYear) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    LocalDate latest = null;
    Matcher m = DAY.matcher(s);
    StringBuilder rest = new StringBuilder();
    int from = 0;
    while (m.find()) {
      latest = later(latest, day(year(m.group(1), planYear), m.group(2), m.group(3)));
      rest.append(s, from, m.start()).append(' ');
      from = m.end();
    }
    rest.append(s.substring(from));
    String left = rest.toString();
    m = MONTH.matcher(left);
    StringBuilder rest2 = new StringBuilder();
    from = 0;
    while (m.find()) {
      latest = later(latest, month(year(m.group(1), planYear), m.group(2), m.group(3)));
      rest2.append(left, from, m.start()).append(' ');
      from = m.end();
    }
    rest2.append(left.substring(from));
    left = rest2.toString();
    m = QUARTER.matcher(left);
    while (m.find()) {
      int q = "一二三四".indexOf(m.group(1)) + 1;
      q = q > 0 ? q : Integer.parseInt(m.group(1));
      latest = later(latest, YearMonth.of(planYear, q * 3).atEndOfMonth());
    }
    m = HALF.matcher(left);
    while (m.find()) {
      latest =
          later(latest, YearMonth.of(planYear, m.group(1).equals("上") ? 6 : 12).atEndOfMonth());
    }
    m = YEAR_END.matcher(left);
    while (m.find()) {
      latest = later(latest, LocalDate.of(year(m.group(1), planYear), 12, 31));
    }
    return Optional.ofNullable(latest);
  }

  private static int year(String written, int planYear) {
    return written == null ? planYear : Integer.parseInt(written);
  }

  private static LocalDate day(int year, String month, String day) {
    try {
      return LocalDate.of(year, Integer.parseInt(month), Integer.parseInt(day));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static LocalDate month(int year, String month, String part) {
    int m = Integer.parseInt(month);
    if (m < 1 || m > 12) {
      return null;
    }
    YearMonth ym = YearMonth.of(year, m);
    if ("上旬".equals(part)) {
      return ym.atDay(10);
    }
    if ("中旬".equals(part)) {
      return ym.atDay(20);
    }
    return ym.atEndOfMonth();
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
