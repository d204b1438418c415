package io.duban.plan;

/** Reads and writes the Chinese numerals 一…九十九 used in document numbering. */
final class ChineseNumerals {

  private static final String DIGITS = "零一二三四五六七八九";

  private ChineseNumerals() {}

  /** Parses 一 … 九十九; returns -1 for anything else. */
  static int parse(String numeral) {
    if (numeral == null || numeral.isEmpty() || numeral.length() > 3) {
      return -1;
    }
    int ten = numeral.indexOf('十');
    if (ten < 0) {
      return numeral.length() == 1 ? digit(numeral.charAt(0)) : -1;
    }
    int tens = ten == 0 ? 1 : digit(numeral.charAt(0));
    int ones = ten == numeral.length() - 1 ? 0 : digit(numeral.charAt(ten + 1));
    if (tens < 1 || ones < 0 || (ten > 1) || (numeral.length() - ten > 2)) {
      return -1;
    }
    return tens * 10 + ones;
  }

  static String format(int value) {
    if (value < 1 || value > 99) {
      throw new IllegalArgumentException("out of range: " + value);
    }
    if (value < 10) {
      return String.valueOf(DIGITS.charAt(value));
    }
    String tens = value / 10 == 1 ? "" : String.valueOf(DIGITS.charAt(value / 10));
    String ones = value % 10 == 0 ? "" : String.valueOf(DIGITS.charAt(value % 10));
    return tens + "十" + ones;
  }

  private static int digit(char c) {
    int at = DIGITS.indexOf(c);
    return at <= 0 ? -1 : at;
  }
}
