package io.duban.report;

import java.util.List;

/**
 * A plan item as the understanding of messages needs it.
 *
 * @param code item code such as {@code 1.1} or {@code 2}
 * @param parentCode the section's code, or null for a top-level item
 * @param title item title
 * @param body item text from the plan document
 * @param leaf true when reports are made against this item
 * @param aliases other names people use for this item (abbreviations, 简称, names learned from
 *     clarified reports), matched like its title
 */
record CatalogueItem(
    String code, String parentCode, String title, String body, boolean leaf, List<String> aliases) {

  CatalogueItem {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  CatalogueItem(String code, String parentCode, String title, String body, boolean leaf) {
    this(code, parentCode, title, body, leaf, List.of());
  }
}
