package io.duban.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the item tree of a plan part from its entries. Levels come from the markers the document
 * uses, in the order it first uses them: a marker style already open is a sibling at that level, a
 * new style opens the next level down. Codes follow the document's own numbers ({@code （四）} under
 * the plan is {@code 4}, its 二是 {@code 4.2}); numbers must follow one another, or continue from the
 * last of their style when a document numbers its tasks straight through its themes.
 */
final class OutlineTree {

  /** Deepest level kept as an item; finer points stay in the text of the item above. */
  static final int MAX_DEPTH = 4;

  private final boolean freeTop;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Level> stack = new ArrayList<>();
  private final Map<Numbering.Style, Integer> lastOfStyle = new HashMap<>();

  private OutlineTree(boolean freeTop) {
    this.freeTop = freeTop;
  }

  /** The outline of a plan part: items in document order, their responsibilities, warnings. */
  record Outline(
      List<ParsedPlan.Item> items,
      Map<String, Responsibility> responsibilities,
      List<String> warnings) {}

  /**
   * Reads {@code entries}; {@code freeTop} lets top-level numbers skip (parts between them were
   * left out as summary or asides).
   */
  static Outline of(List<OutlineEntry> entries, boolean freeTop) {
    OutlineTree tree = new OutlineTree(freeTop);
    entries.forEach(tree::add);
    return tree.outline();
  }

  private void add(OutlineEntry entry) {
    Node current = stack.isEmpty() ? null : stack.get(stack.size() - 1).node();
    if (!entry.numbered()) {
      if (current != null) {
        current.responsibility = current.responsibility.and(entry.responsibility());
        if (entry.text() != null && !entry.text().isEmpty()) {
          current.body.add(entry.text());
        }
      }
      return;
    }
    Numbering numbering = entry.numbering();
    int at = indexOf(numbering.style());
    if (numbering.number() == Numbering.UNNUMBERED) {
      int place = at >= 0 ? stack.get(at).number() + 1 : 1;
      numbering = new Numbering(numbering.style(), place, numbering.text());
    }
    if (at >= 0) {
      int expected = stack.get(at).number() + 1;
      boolean skipAllowed = freeTop && at == 0 && numbering.number() > expected;
      if (numbering.number() != expected && !skipAllowed) {
        throw misnumbered(entry, expected);
      }
      stack.subList(at, stack.size()).clear();
    } else if (stack.size() >= MAX_DEPTH) {
      current.body.add(numbering.label() + numbering.text());
      current.responsibility = current.responsibility.and(entry.responsibility());
      return;
    } else {
      Integer last = lastOfStyle.get(numbering.style());
      boolean first = numbering.number() == 1;
      boolean continued = last != null && numbering.number() == last + 1;
      boolean free = freeTop && stack.isEmpty();
      if (!first && !continued && !free) {
        throw misnumbered(entry, 1);
      }
    }
    Node parent = stack.isEmpty() ? null : stack.get(stack.size() - 1).node();
    String code =
        parent == null
            ? String.valueOf(numbering.number())
            : parent.code + "." + numbering.number();
    if (numbering.text().isEmpty()) {
      throw PlanImportException.at(entry.line(), "“" + numbering.label() + "”后没有标题，应写明这一项的内容");
    }
    Node node = new Node(code, entry.line(), numbering, entry.tableRow());
    node.responsibility = entry.responsibility();
    if (parent != null) {
      parent.children++;
    }
    nodes.add(node);
    stack.add(new Level(numbering.style(), numbering.number(), node));
    lastOfStyle.put(numbering.style(), numbering.number());
  }

  private Outline outline() {
    List<ParsedPlan.Item> items = new ArrayList<>();
    Map<String, Responsibility> responsibilities = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Node node : nodes) {
      ItemTitle title = ItemTitle.of(node.numbering.text());
      String rest = String.join("\n", node.body);
      String body =
          title.heading() ? rest : node.numbering.text() + (rest.isEmpty() ? "" : "\n" + rest);
      items.add(new ParsedPlan.Item(node.code, title.text(), body));
      if (!node.responsibility.isEmpty()) {
        responsibilities.put(node.code, node.responsibility);
      }
      if (title.cut()) {
        warnings.add(
            PlanImportException.line(node.line)
                + "标题已截断为“"
                + title.text()
                + "”（最多"
                + ItemTitle.MAX
                + "字）");
      }
      if (node.children == 0 && title.heading() && rest.isEmpty() && !node.tableRow) {
        warnings.add(
            PlanImportException.line(node.line)
                + "“"
                + node.numbering.label()
                + title.text()
                + "”下没有任务");
      }
    }
    return new Outline(List.copyOf(items), responsibilities, warnings);
  }

  private int indexOf(Numbering.Style style) {
    for (int i = 0; i < stack.size(); i++) {
      if (stack.get(i).style() == style) {
        return i;
      }
    }
    return -1;
  }

  private static PlanImportException misnumbered(OutlineEntry entry, int expected) {
    Numbering numbering = entry.numbering();
    return PlanImportException.at(
        entry.line(),
        "这里是“" + numbering.label() + "”，应为“" + numbering.style().label(expected) + "”");
  }

  /** An open level: the style of its markers, the last number seen, the item it is at. */
  private record Level(Numbering.Style style, int number, Node node) {}

  /** An item being read. */
  private static final class Node {
    final String code;
    final int line;
    final Numbering numbering;
    final boolean tableRow;
    final List<String> body = new ArrayList<>();
    Responsibility responsibility = Responsibility.NONE;
    int children;

    Node(String code, int line, Numbering numbering, boolean tableRow) {
      this.code = code;
      this.line = line;
      this.numbering = numbering;
      this.tableRow = tableRow;
    }
  }
}
