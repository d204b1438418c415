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

  /** The titles of the sections above {@code item}, innermost first, one per line. */
  String sectionTitles(CatalogueItem item) {
    StringBuilder titles = new StringBuilder();
    String parent = item.parentCode();
    while (parent != null) {
      CatalogueItem section = byCode.get(parent);
      if (section == null) {
        break;
      }
      titles.append(section.title()).append('\n');
      parent = section.parentCode();
    }
    return titles.toString();
  }

  /** Leaf codes under a section, in plan order. */
  List<String> leavesUnder(String sectionCode) {
    return leaves().stream()
        .map(CatalogueItem::code)
        .filter(code -> code.startsWith(sectionCode + "."))
        .toList();
  }

  /**
   * What a code typed in a message refers to, as {@link #resolve}, and further: a section with a
   * single leaf under it is that leaf, and in a plan numbered straight through its sections (二、 4.
   * 5. 三、 6.) a bare task number that is no section ({@code 第5项}) is the leaf with that number.
   */
  Optional<CatalogueItem> resolveTyped(String typedCode) {
    Optional<CatalogueItem> item = resolve(typedCode);
    if (item.isEmpty() && typedCode.indexOf('.') < 0) {
      item = numberedThrough(typedCode);
    }
    return item.map(
        found -> {
          if (found.leaf()) {
            return found;
          }
          List<String> under = leavesUnder(found.code());
          return under.size() == 1 ? byCode.get(under.get(0)) : found;
        });
  }

  /** The leaf whose own number is {@code number}, when every leaf's own number is different. */
  private Optional<CatalogueItem> numberedThrough(String number) {
    List<CatalogueItem> leaves = leaves();
    long distinct = leaves.stream().map(ItemCatalogue::ownNumber).distinct().count();
    if (leaves.size() < 2 || distinct < leaves.size()) {
      return Optional.empty();
    }
    return leaves.stream()
        .filter(l -> l.code().indexOf('.') > 0 && ownNumber(l).equals(number))
        .findFirst();
  }

  private static String ownNumber(CatalogueItem item) {
    return item.code().substring(item.code().lastIndexOf('.') + 1);
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
