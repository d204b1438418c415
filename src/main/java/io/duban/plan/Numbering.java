package io.duban.plan;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numbering marker at the start of a line of a plan document (一、 （一） 1. （1） ① 一是 第一 第一部分 1.1, in
 * their ASCII and full-width forms), with the text after it. Which level a style stands for is not
 * fixed here: the outline reader works it out from the order the document uses them in.
 *
 * @param style the marker's style
 * @param number its number (一 and 1 are 1); {@link #UNNUMBERED} for a bullet
 * @param text the rest of the line
 */
record Numbering(Style style, int number, String text) {

  /** The number of a bullet (——, ●): its place among its siblings decides it. */
  static final int UNNUMBERED = Integer.MAX_VALUE;

  /** The marker styles; two markers of one style are siblings wherever they appear. */
  enum Style {
    PART(1),
    CN_COMMA(2),
    CN_PAREN(3),
    DIGIT(4),
    DECIMAL2(4),
    DECIMAL3(5),
    DIGIT_PAREN(5),
    CIRCLED(6),
    CN_SHI(0),
    CN_DI(0),
    BULLET(0),
    TABLE_CATEGORY(0),
    TABLE_ROW(0);

    /**
     * Where Chinese official documents conventionally put this style, 1 being the top (第一部分 above
     * 一、 above （一） above 1. above （1） above ①); 0 for styles used at any level (一是, 第一, ——).
     */
    final int rank;

    Style(int rank) {
      this.rank = rank;
    }

    /** How a person writes marker {@code n} of this style, for messages. */
    String label(int n) {
      String cn = n >= 1 && n <= 99 ? ChineseNumerals.format(n) : String.valueOf(n);
      return switch (this) {
        case PART -> "第" + cn + "部分";
        case CN_COMMA -> cn + "、";
        case CN_PAREN -> "（" + cn + "）";
        case DIGIT -> n + ".";
        case DECIMAL2, DECIMAL3 -> "…" + n;
        case DIGIT_PAREN -> "（" + n + "）";
        case CIRCLED -> n >= 1 && n <= 20 ? String.valueOf((char) ('①' + n - 1)) : "(" + n + ")";
        case CN_SHI -> cn + "是";
        case CN_DI -> "第" + cn;
        case BULLET -> "——";
        case TABLE_CATEGORY -> "表中第" + n + "类";
        case TABLE_ROW -> "序号" + n;
      };
    }
  }

  private static final String CN = "([一二三四五六七八九十]{1,3})";
  private static final String DIGITS = "([0-9０-９]{1,2})";
  private static final String REST = "\\s*(.+)$";

  /** Patterns in the order they are tried; the first that matches and parses wins. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(Style.PART, Pattern.compile("^第" + CN + "部分[、,，.．:：\\s]*(.*)$"), true),
          new Rule(
              Style.CN_PAREN, Pattern.compile("^[（(]\\s*" + CN + "\\s*[）)][、.．,，]?" + REST), true),
          new Rule(
              Style.DIGIT_PAREN, Pattern.compile("^[（(]\\s*" + DIGITS + "\\s*[）)]" + REST), false),
          new Rule(Style.DIGIT_PAREN, Pattern.compile("^" + DIGITS + "[）)]" + REST), false),
          new Rule(Style.CN_SHI, Pattern.compile("^" + CN + "是[，,：:]?" + REST), true),
          new Rule(Style.CN_DI, Pattern.compile("^第" + CN + "\\s*[，,、：:]" + REST), true),
          new Rule(Style.CN_COMMA, Pattern.compile("^" + CN + "\\s*[、,，.．]" + REST), true),
          new Rule(
              Style.DECIMAL3,
              Pattern.compile("^[0-9]{1,2}[.．][0-9]{1,2}[.．]([0-9]{1,2})(?![0-9.．%])\\s+(.+)$"),
              false),
          new Rule(
              Style.DECIMAL2,
              Pattern.compile("^[0-9]{1,2}[.．]([0-9]{1,2})(?![0-9.．%])\\s+(.+)$"),
              false),
          new Rule(
              Style.DIGIT,
              Pattern.compile("^" + DIGITS + "\\s*[、.．，](?![0-9０-９](?![0-9０-９]{3}年))" + REST),
              false),
          new Rule(Style.CIRCLED, Pattern.compile("^([①-⑳])" + REST), false),
          new Rule(
              Style.BULLET,
              Pattern.compile("^((?>——|—|－－|●|◆|■|•|▪))(?!\\s*(?:\\d{4}年\\d{1,2}月|在))" + REST),
              false));

  /** The marker at the start of {@code line}, or null when the line does not start with one. */
  static Numbering at(String line) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(line);
      if (!m.matches()) {
        continue;
      }
      int number = rule.number(m.group(1));
      String text = m.group(2).strip();
      if (number > 0 && (!text.isEmpty() || rule.style() == Style.PART)) {
        return new Numbering(rule.style(), number, text);
      }
    }
    return null;
  }

  /** The label of this marker as written in messages. */
  String label() {
    return style.label(number);
  }

  private record Rule(Style style, Pattern pattern, boolean chinese) {
    int number(String numeral) {
      if (chinese) {
        return ChineseNumerals.parse(numeral);
      }
      char first = numeral.charAt(0);
      if (first >= '①' && first <= '⑳') {
        return first - '①' + 1;
      }
      if (style == Style.BULLET) {
        return UNNUMBERED;
      }
      return Integer.parseInt(halfWidth(numeral));
    }
  }

  /** Full-width digits as ASCII digits. */
  static String halfWidth(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c);
    }
    return out.toString();
  }
}
