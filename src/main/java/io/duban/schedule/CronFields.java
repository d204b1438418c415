package io.duban.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each field of a Quartz cron expression against exactly what Quartz accepts, before Quartz
 * reads it: Quartz looks at the first three letters of a name only, so {@code MONN} would quietly
 * mean Monday. A refusal says, in Chinese, which field is wrong and shows the six- or seven-field
 * form with an example.
 */
final class CronFields {

  /** The hint every refusal ends with. */
  static final String HINT =
      "Quartz 的 cron 为 6 段或 7 段：秒 分 时 日 月 星期 [年]，日与星期必须有一个写 ?，"
          + "例如 0 0 15 ? * THU 表示每周四 15:00，0 30 8 ? * MON-FRI 表示周一至周五 8:30";

  private static final Set<String> MONTHS =
      Set.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final Set<String> DAYS = Set.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /**
   * A value, an optional range end and an optional step: {@code 5}, {@code MON-FRI}, {@code 0/15}.
   */
  private static final Pattern ITEM =
      Pattern.compile("(\\*|[0-9]+|[A-Za-z]+)(?:-([0-9]+|[A-Za-z]+))?(?:/([0-9]+))?");

  private static final Pattern DAY_OF_MONTH_SPECIAL = Pattern.compile("L(-[0-9]+)?W?|LW|[0-9]+W");
  private static final Pattern DAY_OF_WEEK_SPECIAL =
      Pattern.compile("L|([1-7]|[A-Za-z]+)L|([1-7]|[A-Za-z]+)#[1-5]");

  /** One field: its Chinese name, its bounds and the names it takes. */
  private record Field(String name, int min, int max, Set<String> names, String takes) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("秒", 0, 59, Set.of(), "0–59"),
          new Field("分", 0, 59, Set.of(), "0–59"),
          new Field("时", 0, 23, Set.of(), "0–23"),
          new Field("日", 1, 31, Set.of(), "1–31、?、L 或 W"),
          new Field("月", 1, 12, MONTHS, "1–12 或 JAN–DEC"),
          new Field("星期", 1, 7, DAYS, "1–7（1 为周日）、SUN–SAT 或 ?"),
          new Field("年", 1970, 2099, Set.of(), "1970–2099"));

  private CronFields() {}

  /** Throws IllegalArgumentException naming the first field Quartz would read otherwise. */
  static void check(String cron) {
    String[] parts = cron.trim().split("\\s+");
    if (parts.length < 6 || parts.length > 7) {
      throw refused("应为 6 段或 7 段，实际 " + parts.length + " 段「" + cron.trim() + "」");
    }
    for (int i = 0; i < parts.length; i++) {
      Field field = FIELDS.get(i);
      String value = parts[i];
      if (!accepts(i, field, value)) {
        throw refused(
            "第 " + (i + 1) + " 段（" + field.name() + "）「" + value + "」无效，应为 " + field.takes());
      }
    }
    boolean dayOfMonthAny = "?".equals(parts[3]);
    boolean dayOfWeekAny = "?".equals(parts[5]);
    if (dayOfMonthAny == dayOfWeekAny) {
      throw refused("日（第 4 段）与星期（第 6 段）须恰有一个写 ?");
    }
  }

  private static boolean accepts(int index, Field field, String value) {
    if ("?".equals(value)) {
      return index == 3 || index == 5;
    }
    for (String item : value.split(",", -1)) {
      if (!acceptsItem(index, field, item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptsItem(int index, Field field, String item) {
    String upper = item.toUpperCase(Locale.ROOT);
    if (index == 3 && DAY_OF_MONTH_SPECIAL.matcher(upper).matches()) {
      return numbersWithin(upper, 1, 31);
    }
    if (index == 5 && DAY_OF_WEEK_SPECIAL.matcher(upper).matches()) {
      String day = upper.replaceAll("(L|#[1-5])$", "");
      return day.isEmpty() || DAYS.contains(day) || day.matches("[1-7]");
    }
    Matcher m = ITEM.matcher(upper);
    if (!m.matches()) {
      return false;
    }
    String start = m.group(1);
    String end = m.group(2);
    String step = m.group(3);
    if ("*".equals(start)) {
      return end == null && (step == null || Integer.parseInt(step) >= 1);
    }
    if (!value(field, start) || (end != null && !value(field, end))) {
      return false;
    }
    return step == null || Integer.parseInt(step) >= 1 && Integer.parseInt(step) <= field.max();
  }

  private static boolean value(Field field, String token) {
    if (token.chars().allMatch(Character::isDigit)) {
      if (token.length() > 4) {
        return false;
      }
      int n = Integer.parseInt(token);
      return n >= field.min() && n <= field.max();
    }
    return field.names().contains(token);
  }

  private static boolean numbersWithin(String token, int min, int max) {
    Matcher digits = Pattern.compile("[0-9]+").matcher(token);
    while (digits.find()) {
      if (digits.group().length() > 2) {
        return false;
      }
      int n = Integer.parseInt(digits.group());
      // L-n counts back from the month's end: 0..30
      boolean offset = token.startsWith("L-");
      if (offset ? n > 30 : n < min || n > max) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException refused(String what) {
    return new IllegalArgumentException("cron 表达式" + what + "。" + HINT);
  }
}
