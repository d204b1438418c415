package io.duban.report;

/**
 * A plan item as the understanding of messages needs it.
 *
 * @param code item code such as {@code 1.1} or {@code 2}
 * @param parentCode the section's code, or null for a top-level item
 * @param title item title
 * @param body item text from the plan document
 * @param leaf true when reports are made against this item
 */
record CatalogueItem(String code, String parentCode, String title, String body, boolean leaf) {}
