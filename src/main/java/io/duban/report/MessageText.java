package io.duban.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as typed and the same text with full-width forms folded to ASCII ({@code ６０％} to {@code
 * 60%}, {@code （四）} to {@code (四)}). Both have the same length, so what is found in the folded text
 * is cut from the typed one and users see their own words back.
 */
record MessageText(String typed, String folded) {

  static MessageText of(String typed) {
    String text = typed == null ? "" : typed;
    StringBuilder folded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        folded.append((char) (c - 0xFEE0));
      } else if (c == '\u3000' || c == '\u00A0') {
        folded.append(' ');
      } else {
        folded.append(c);
      }
    }
    return new MessageText(text, folded.toString()).strip();
  }

  boolean isEmpty() {
    return folded.isEmpty();
  }

  MessageText cut(int from, int to) {
    return new MessageText(typed.substring(from, to), folded.substring(from, to));
  }

  /** This text without the span {@code [from, to)}, the two sides joined by a space. */
  MessageText without(int from, int to) {
    return new MessageText(
            typed.substring(0, from) + " " + typed.substring(to),
            folded.substring(0, from) + " " + folded.substring(to))
        .strip();
  }

  /** This text without a leading match of {@code prefix}. */
  MessageText dropPrefix(Pattern prefix) {
    Matcher m = prefix.matcher(folded);
    return m.lookingAt() ? cut(m.end(), folded.length()).strip() : this;
  }

  /** The non-blank lines, each stripped. */
  List<MessageText> lines() {
    List<MessageText> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= folded.length(); i++) {
      if (i == folded.length() || folded.charAt(i) == '\n') {
        MessageText line = cut(start, i).strip();
        if (!line.isEmpty()) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** This text and {@code next} on one line, joined by {@code separator}. */
  MessageText join(MessageText next, String separator) {
    return new MessageText(typed + separator + next.typed, folded + separator + next.folded);
  }

  MessageText strip() {
    int from = 0;
    int to = folded.length();
    while (from < to && Character.isWhitespace(folded.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(folded.charAt(to - 1))) {
      to--;
    }
    return from == 0 && to == folded.length() ? this : cut(from, to);
  }
}
