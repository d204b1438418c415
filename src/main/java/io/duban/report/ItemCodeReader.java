package io.duban.report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the item code a message names, in the forms people type: {@code 1.1}, {@code #1.1}, {@code
 * 【1.1】}, {@code 1.1：}, {@code （四）一}, {@code 第六项}, {@code 任务7}, {@code 六、}, {@code 一、(二)}, {@code
 * 一、(二)3.}, {@code 2-1}, {@code (二)}, {@code 2.} and a bare leading section number. Works on
 * NFKC-normalised text.
 */
final class ItemCodeReader {

  /** A code found in the text, in dotted form, and where it was written. */
  record Mention(String code, int start, int end) {}

  private static final String CN = "[一二三四五六七八九十]";
  private static final String CODE = "\\d{1,2}(?:\\.\\d{1,2}){0,2}";
  private static final String NOT_A_QUANTITY =
      "(?!\\d|\\.\\d|\\s*%|年|月|日|号|时|点|家|个|项|亿|万|千|元|吨|人|次|场|期|批|倍|份|天|位|名|条|所|成|公里|周)";

  private static final Pattern LEADING_CODE =
      Pattern.compile(
          "^(?:#|【|\\[)?\\s*(?:任务|第)?\\s*(" + CODE + ")" + NOT_A_QUANTITY + "\\s*项?\\s*[】\\]]?");
  private static final Pattern LEADING_SECTION =
      Pattern.compile("^[(【\\[]\\s*(" + CN + "{1,2})\\s*[)】\\]](?:(" + CN + ")是?|(\\d)(?!\\d))?");
  private static final Pattern LEADING_ENUMERATION =
      Pattern.compile(
          "^("
              + CN
              + "{1,2})[、.]\\s*(?:[(]\\s*("
              + CN
              + "{1,2})\\s*[)]\\s*(?:(\\d{1,2})"
              + NOT_A_QUANTITY
              + "[.、]?)?)?");
  private static final Pattern DASHED =
      Pattern.compile("^(\\d{1,2})-(\\d{1,2})(?:-(\\d{1,2}))?" + NOT_A_QUANTITY);
  private static final Pattern ORDINAL =
      Pattern.compile(
          "第\\s*(" + CN + "{1,2}|\\d{1,2})\\s*项(?:\\s*第\\s*(" + CN + "|\\d)\\s*(?:点|条|个|小项|部分)?)?");
  private static final Pattern TASK = Pattern.compile("任务\\s*(" + CODE + "|" + CN + "{1,2})");
  private static final Pattern MARKED_CODE =
      Pattern.compile("(?:[#【\\[(]|编号)\\s*(\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?)\\s*[】\\])]?");

  /** A 督办事项's code, J2026-001, also typed j2026-1 or J 2026 - 001. */
  private static final Pattern TASK_CODE =
      Pattern.compile("(?<![A-Za-z0-9])[Jj]\\s*(\\d{4})\\s*-\\s*(\\d{1,4})(?!\\d)");

  private static final List<Function<String, Optional<Mention>>> FORMS =
      List.of(
          text ->
              find(
                  TASK_CODE,
                  text,
                  m -> String.format("J%s-%03d", m.group(1), Integer.parseInt(m.group(2)))),
          text -> find(DASHED, text, ItemCodeReader::levels),
          text -> find(LEADING_CODE, text, m -> m.group(1)),
          text -> find(LEADING_SECTION, text, ItemCodeReader::section),
          text -> find(LEADING_ENUMERATION, text, ItemCodeReader::levels),
          text -> find(ORDINAL, text, ItemCodeReader::section),
          text -> find(TASK, text, m -> dotted(m.group(1))),
          text -> find(MARKED_CODE, text, m -> m.group(1)));

  private ItemCodeReader() {}

  /** The first code mention in {@code text}, trying the leading forms before the inline ones. */
  static Optional<Mention> read(String text) {
    for (Function<String, Optional<Mention>> form : FORMS) {
      Optional<Mention> mention = form.apply(text);
      if (mention.isPresent()) {
        return mention;
      }
    }
    return Optional.empty();
  }

  private static Optional<Mention> find(
      Pattern pattern, String text, Function<Matcher, String> code) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String value = code.apply(m);
    return value == null ? Optional.empty() : Optional.of(new Mention(value, m.start(), m.end()));
  }

  private static String section(Matcher m) {
    String section = number(m.group(1));
    if (section == null) {
      return null;
    }
    for (int g = 2; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        String sub = number(m.group(g));
        return sub == null ? section : section + "." + sub;
      }
    }
    return section;
  }

  /** Every level the match names ({@code 一、(二)3.} is 1.2.3, {@code 2-1} is 2.1), dotted. */
  private static String levels(Matcher m) {
    StringBuilder code = new StringBuilder();
    for (int g = 1; g <= m.groupCount() && m.group(g) != null; g++) {
      String level = number(m.group(g));
      if (level == null) {
        return null;
      }
      code.append(g == 1 ? "" : ".").append(level);
    }
    return code.toString();
  }

  private static String dotted(String value) {
    return value.contains(".") ? value : number(value);
  }

  private static String number(String numeral) {
    int value = ChineseNumber.parse(numeral);
    return value <= 0 ? null : Integer.toString(value);
  }
}
