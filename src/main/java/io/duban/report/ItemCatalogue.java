package io.duban.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The items of the current plan, for resolving the codes people type. */
final class ItemCatalogue {

  private final Map<String, CatalogueItem> byCode = new LinkedHashMap<>();

  ItemCatalogue(Collection<CatalogueItem> items) {
    items.forEach(item -> byCode.put(item.code(), item));
  }

  List<CatalogueItem> leaves() {
    return byCode.values().stream().filter(CatalogueItem::leaf).toList();
  }

  Optional<CatalogueItem> item(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Leaf codes under a section, in plan order. */
  List<String> leavesUnder(String sectionCode) {
    return leaves().stream()
        .map(CatalogueItem::code)
        .filter(code -> code.startsWith(sectionCode + "."))
        .toList();
  }

  /**
   * What a typed code refers to: the item itself, or the nearest catalogue item above it (a leaf
   * {@code 1.1} accepts its finer tasks {@code 1.1.x}). Empty when nothing in the plan matches.
   */
  Optional<CatalogueItem> resolve(String typedCode) {
    String code = typedCode;
    while (true) {
      CatalogueItem item = byCode.get(code);
      if (item != null) {
        return Optional.of(item);
      }
      int dot = code.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      code = code.substring(0, dot);
    }
  }
}
