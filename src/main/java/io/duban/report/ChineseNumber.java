package io.duban.report;

/** Reads small numbers written with Chinese numerals (一 … 九十九, 一百) or Arabic digits. */
final class ChineseNumber {

  static final String NUMERALS = "零〇一二两三四五六七八九十百";

  private ChineseNumber() {}

  /** The value of {@code text}, or -1 when it is not a number this class reads. */
  static int parse(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return text.length() > 3 ? -1 : Integer.parseInt(text);
    }
    int total = 0;
    int digit = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int value = "零〇一二两三四五六七八九".indexOf(c);
      if (value >= 0) {
        digit = new int[] {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9}[value];
      } else if (c == '十' || c == '百') {
        int unit = c == '十' ? 10 : 100;
        total += (digit < 0 ? 1 : digit) * unit;
        digit = -1;
      } else {
        return -1;
      }
    }
    return total + Math.max(digit, 0);
  }
}
