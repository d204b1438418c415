package io.duban.bulletin;

/**
 * Text placed into WordprocessingML by hand: the markup characters escaped, and the characters XML
 * 1.0 forbids (controls other than tab and line breaks, lone surrogates, U+FFFE, U+FFFF) dropped,
 * so no text a person typed can break the document or add markup to it.
 */
final class XmlText {

  private XmlText() {}

  /** Appends {@code text} to {@code out} escaped for element content or an attribute value. */
  static StringBuilder append(StringBuilder out, CharSequence text) {
    for (int i = 0; i < text.length(); ) {
      int c = Character.codePointAt(text, i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (allowed(c)) {
            out.appendCodePoint(c);
          }
        }
      }
    }
    return out;
  }

  /** {@code text} without the characters XML 1.0 forbids, not escaped (for an XML library). */
  static String allowedOnly(String text) {
    if (text.codePoints().allMatch(XmlText::allowed)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(XmlText::allowed).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** XML 1.0's Char production; a lone surrogate (read as its own code point) is not one. */
  static boolean allowed(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
