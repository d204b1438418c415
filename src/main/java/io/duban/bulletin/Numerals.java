package io.duban.bulletin;

/** Chinese numerals up to 99 for the 通报's numbering: （一）, 一、 and the table's 序号 by section. */
final class Numerals {

  private static final String DIGITS = "零一二三四五六七八九";

  private Numerals() {}

  static String of(int n) {
    if (n < 1 || n > 99) {
      return String.valueOf(n);
    }
    if (n < 10) {
      return String.valueOf(DIGITS.charAt(n));
    }
    String tens = n / 10 == 1 ? "十" : DIGITS.charAt(n / 10) + "十";
    return n % 10 == 0 ? tens : tens + DIGITS.charAt(n % 10);
  }
}
