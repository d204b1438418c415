package io.duban.plan;

import java.util.List;

/**
 * A plan as read from a document or the reviewed seed, before it is stored.
 *
 * @param year the plan's year
 * @param title the document's title
 * @param source where it came from (a file name or "api")
 * @param items every item in document order, sections before their sub-items
 */
record ParsedPlan(int year, String title, String source, List<Item> items) {

  /** One item of a parsed plan; the parent and leaf flags follow from the codes. */
  record Item(String code, String title, String body) {

    String parentCode() {
      int dot = code.lastIndexOf('.');
      return dot < 0 ? null : code.substring(0, dot);
    }
  }

  boolean isLeaf(String code) {
    return items.stream().noneMatch(i -> code.equals(i.parentCode()));
  }

  List<Item> leaves() {
    return items.stream().filter(i -> isLeaf(i.code())).toList();
  }
}
