package io.duban.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The opening of a document before its first top-level heading. A numbered list there (主要预期目标： 1.…
 * 2.…, before 一、) belongs to the opening text: it must not make 1. the document's top level, so its
 * lines are read as running text.
 */
final class Preamble {

  private Preamble() {}

  /**
   * The entries with every numbered line that comes before the first 1 of the document's most
   * senior conventional style (第一部分, then 一、, then （一）…) and is of a more junior style made running
   * text.
   */
  static List<OutlineEntry> withoutLists(List<OutlineEntry> entries) {
    Numbering.Style senior = null;
    for (OutlineEntry entry : entries) {
      if (entry.numbered() && !entry.tableRow()) {
        Numbering.Style style = entry.numbering().style();
        if (style.rank > 0 && (senior == null || style.rank < senior.rank)) {
          senior = style;
        }
      }
    }
    if (senior == null) {
      return entries;
    }
    int first = -1;
    for (int i = 0; i < entries.size() && first < 0; i++) {
      Numbering numbering = entries.get(i).numbering();
      if (numbering != null && numbering.style() == senior) {
        first = numbering.number() == 1 ? i : entries.size();
      }
    }
    if (first <= 0 || first == entries.size()) {
      return entries;
    }
    List<OutlineEntry> result = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      OutlineEntry entry = entries.get(i);
      Numbering numbering = entry.numbering();
      boolean junior =
          i < first
              && numbering != null
              && !entry.tableRow()
              && numbering.style().rank > senior.rank;
      result.add(
          junior
              ? new OutlineEntry(
                  entry.line(),
                  null,
                  numbering.label() + numbering.text(),
                  entry.responsibility(),
                  false)
              : entry);
    }
    return result;
  }
}
