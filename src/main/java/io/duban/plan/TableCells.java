package io.duban.plan;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into table cells: at tabs, or at {@code |} when the line has no tab. */
final class TableCells {

  private TableCells() {}

  static List<String> of(String line) {
    if (line.indexOf('\t') >= 0) {
      List<String> cells = new ArrayList<>();
      for (String cell : line.split("\t", -1)) {
        cells.add(cell.strip());
      }
      return trimEnd(cells);
    }
    if (line.indexOf('|') >= 0 || line.indexOf('｜') >= 0) {
      String inner = line.strip();
      if (inner.startsWith("|") || inner.startsWith("｜")) {
        inner = inner.substring(1);
      }
      List<String> cells = new ArrayList<>();
      for (String cell : inner.split("[|｜]", -1)) {
        cells.add(cell.strip());
      }
      return trimEnd(cells);
    }
    return List.of(line.strip());
  }

  /** The one cell of a line in a table laid out one cell per line ({@code 序号 |} reads 序号). */
  static String single(String line) {
    return line.strip().replaceAll("^[|｜]\\s*", "").replaceAll("\\s*[|｜]$", "").strip();
  }

  /** True when every cell but the first is empty: a category or heading row. */
  static boolean onlyFirst(List<String> cells) {
    if (cells.isEmpty() || cells.get(0).isEmpty()) {
      return false;
    }
    return cells.stream().skip(1).allMatch(String::isEmpty);
  }

  private static List<String> trimEnd(List<String> cells) {
    int end = cells.size();
    while (end > 1 && cells.get(end - 1).isEmpty()) {
      end--;
    }
    return new ArrayList<>(cells.subList(0, end));
  }
}
