package io.duban.plan;

/**
 * A line of a plan document's text (after extraction from Word, Excel or PDF), with its 1-based
 * number for messages. A blank line is kept as a line with empty text: it ends a paragraph.
 */
record SourceLine(int number, String text) {

  boolean blank() {
    return text.isEmpty();
  }

  SourceLine withText(String other) {
    return new SourceLine(number, other);
  }
}
