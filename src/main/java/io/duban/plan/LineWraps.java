package io.duban.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins hard-wrapped lines back into paragraphs, as text taken from a PDF (or copied out of one)
 * needs: a line continues the one before it when that one fills the page width without ending a
 * sentence, nothing blank sits between them, and the line does not start with a marker or a
 * responsibility label. Page width is the width of the document's long lines.
 */
final class LineWraps {

  private static final String SENTENCE_END = "。；;！!？?：:";

  private LineWraps() {}

  /** The text lines of {@code blocks} with wrapped lines joined into the line they continue. */
  static List<SourceLine> join(List<DocumentBlock> blocks) {
    List<SourceLine> lines = new ArrayList<>();
    for (DocumentBlock block : blocks) {
      if (block instanceof DocumentBlock.Text text) {
        lines.add(text.line().withText(text.line().text().replace('\t', ' ').strip()));
      } else {
        lines.add(new SourceLine(((DocumentBlock.Row) block).line(), ""));
      }
    }
    double full = fullWidth(lines);
    List<SourceLine> joined = new ArrayList<>();
    SourceLine previous = null;
    for (SourceLine line : lines) {
      if (previous != null && continues(previous, line, full)) {
        previous = previous.withText(glue(previous.text(), line.text()));
        joined.set(joined.size() - 1, previous);
        continue;
      }
      joined.add(line);
      previous = line;
    }
    return joined;
  }

  private static boolean continues(SourceLine previous, SourceLine line, double full) {
    if (previous.blank() || line.blank()) {
      return false;
    }
    String before = previous.text();
    char last = before.charAt(before.length() - 1);
    return SENTENCE_END.indexOf(last) < 0
        && width(before) >= full
        && Numbering.at(line.text()) == null
        && ResponsibilityText.ofLine(line.text()) == null;
  }

  /**
   * The width from which a line counts as full: a little under the width most long lines have. Text
   * whose paragraphs are single long lines has a large width, so its short lines never join.
   */
  private static double fullWidth(List<SourceLine> lines) {
    double[] widths =
        lines.stream().mapToDouble(l -> width(l.text())).filter(w -> w >= 10).sorted().toArray();
    if (widths.length < 3) {
      return Double.MAX_VALUE;
    }
    double typical = widths[(int) Math.floor(widths.length * 0.8)];
    return Math.max(10, typical * 0.88);
  }

  /** Display width: a Chinese character is 1, a Latin letter or digit half. */
  static double width(String text) {
    double width = 0;
    for (char c : text.toCharArray()) {
      width += c < 0x2E80 ? 0.5 : 1;
    }
    return width;
  }

  private static String glue(String before, String after) {
    char a = before.charAt(before.length() - 1);
    char b = after.charAt(0);
    boolean latin =
        a < 0x2E80 && b < 0x2E80 && Character.isLetterOrDigit(a) && Character.isLetterOrDigit(b);
    return latin ? before + " " + after : before + after;
  }
}
