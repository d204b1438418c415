package io.duban.plan;

/**
 * A piece of a plan document ready for the outline reader: a numbered line, a line of running text,
 * or a line that only states who is responsible for the item before it.
 *
 * @param line where it starts (1-based, of the text after extraction)
 * @param numbering its marker and text; null for running text and responsibility lines
 * @param text the running text; null for numbered and responsibility lines
 * @param responsibility who answers for the item, as stated here; never null
 * @param tableRow true when it is a row of a task table
 */
record OutlineEntry(
    int line, Numbering numbering, String text, Responsibility responsibility, boolean tableRow) {

  boolean numbered() {
    return numbering != null;
  }

  /** The words of this entry: the text after the marker, or the running text. */
  String words() {
    return numbering != null ? numbering.text() : text == null ? "" : text;
  }
}
