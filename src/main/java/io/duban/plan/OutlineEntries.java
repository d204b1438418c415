package io.duban.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a document's blocks into outline entries: hard-wrapped lines (as a PDF has them) joined
 * back into their paragraphs, each line's marker read, responsibilities stated in labelled lines or
 * closing parentheses taken out of the text, and inline 一是…二是… lists made entries of their own.
 */
final class OutlineEntries {

  private OutlineEntries() {}

  static List<OutlineEntry> of(List<DocumentBlock> blocks) {
    List<SourceLine> joined = LineWraps.join(blocks);
    List<OutlineEntry> entries = new ArrayList<>();
    int next = 0;
    for (DocumentBlock block : blocks) {
      if (block instanceof DocumentBlock.Row row) {
        entries.add(entry(row.line(), row.numbering(), row.responsibility(), true));
        continue;
      }
      SourceLine line = ((DocumentBlock.Text) block).line();
      while (next < joined.size() && joined.get(next).number() < line.number()) {
        next++;
      }
      if (next < joined.size() && joined.get(next).number() == line.number()) {
        add(entries, joined.get(next));
      }
    }
    return entries;
  }

  private static void add(List<OutlineEntry> entries, SourceLine line) {
    String text = line.text().replace('\t', ' ').strip();
    if (text.isEmpty()) {
      return;
    }
    Responsibility labelled = ResponsibilityText.ofLine(text);
    if (labelled != null) {
      entries.add(new OutlineEntry(line.number(), null, null, labelled, false));
      return;
    }
    Numbering numbering = Numbering.at(text);
    String words = numbering != null ? numbering.text() : text;
    InlineNumbering.Split split = InlineNumbering.of(words, numbering);
    if (numbering != null) {
      entries.add(
          entry(
              line.number(),
              new Numbering(numbering.style(), numbering.number(), split.head()),
              Responsibility.NONE,
              false));
    } else if (!split.head().isEmpty()) {
      entries.add(running(line.number(), split.head()));
    }
    for (Numbering point : split.points()) {
      entries.add(entry(line.number(), point, Responsibility.NONE, false));
    }
  }

  /** A numbered entry, a responsibility that closes its text taken out of it. */
  private static OutlineEntry entry(
      int line, Numbering numbering, Responsibility responsibility, boolean tableRow) {
    ResponsibilityText.Trailing trailing = ResponsibilityText.trailing(numbering.text());
    if (trailing == null) {
      return new OutlineEntry(line, numbering, null, responsibility, tableRow);
    }
    Numbering shorter = new Numbering(numbering.style(), numbering.number(), trailing.text());
    return new OutlineEntry(
        line, shorter, null, responsibility.and(trailing.responsibility()), tableRow);
  }

  private static OutlineEntry running(int line, String text) {
    ResponsibilityText.Trailing trailing = ResponsibilityText.trailing(text);
    if (trailing == null) {
      return new OutlineEntry(line, null, text, Responsibility.NONE, false);
    }
    return new OutlineEntry(line, null, trailing.text(), trailing.responsibility(), false);
  }
}
