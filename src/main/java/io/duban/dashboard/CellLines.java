package io.duban.dashboard;

/**
 * How many lines a wrapped cell's text takes at a column width, counted in the width units Excel
 * and LibreOffice use for columns (the width of a digit): a CJK character or full-width sign takes
 * two, anything else one; a cell keeps one unit of padding.
 */
final class CellLines {

  private CellLines() {}

  /** Lines the text wraps to in a column {@code width} digits wide; at least 1. */
  static int count(String text, int width) {
    if (text == null || text.isEmpty()) {
      return 1;
    }
    int usable = Math.max(2, width - 1);
    int lines = 0;
    for (String line : text.split("\r\n|\r|\n", -1)) {
      lines += lines(line, usable);
    }
    return Math.max(1, lines);
  }

  /** Display width of {@code text}: CJK and full-width characters count double. */
  static int width(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += wide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }

  /** Greedy wrapping, as the spreadsheet does between CJK characters. */
  private static int lines(String line, int usable) {
    int lines = 1;
    int used = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int w = wide(cp) ? 2 : 1;
      if (used + w > usable) {
        lines++;
        used = 0;
      }
      used += w;
      i += Character.charCount(cp);
    }
    return lines;
  }

  static boolean wide(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || (cp >= 0x3000 && cp <= 0x303F) // CJK punctuation: 、。「」
        || (cp >= 0xFF00 && cp <= 0xFF60) // full-width forms: ，：（）
        || (cp >= 0x2E80 && cp <= 0x2FDF)
        || (cp >= 0x2014 && cp <= 0x201D) // — and the Chinese quotation marks
        || cp == 0x2026; // …
  }
}
