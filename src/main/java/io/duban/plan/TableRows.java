package io.duban.plan;

import io.duban.plan.TaskTable.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows under one task-table header into entries: a category (a 类别 column, or a row with
 * only its first cell, such as 一、经济发展) becomes a parent entry, every other row an entry numbered by
 * its 序号 (or by its place when there is none) carrying the row's responsibility.
 */
final class TableRows {

  private final Column[] roles;
  private final List<DocumentBlock> entries = new ArrayList<>();
  private String category;
  private int categories;
  private int place;

  TableRows(Column[] roles) {
    this.roles = roles;
  }

  List<DocumentBlock> entries() {
    return entries;
  }

  /** Reads tab- or bar-separated rows from {@code start}; returns the index after the table. */
  int readDelimited(List<SourceLine> lines, int start) {
    int i = start;
    while (i < lines.size()) {
      SourceLine line = lines.get(i);
      if (line.blank()) {
        i++;
        continue;
      }
      List<String> cells = TableCells.of(line.text());
      if (cells.size() >= 2 && !TableCells.onlyFirst(cells)) {
        row(line.number(), cells);
      } else if (nextRowFollows(lines, i + 1)) {
        category(line.number(), cells.get(0));
      } else {
        break;
      }
      i++;
    }
    return i;
  }

  /** Reads a table laid out one cell per line from {@code start}; returns the index after it. */
  int readCellPerLine(List<SourceLine> lines, int start) {
    int numberColumn = indexOf(Column.NUMBER);
    int i = start;
    while (i < lines.size()) {
      if (lines.get(i).blank()) {
        i++;
        continue;
      }
      String first = TableCells.single(lines.get(i).text());
      if (numberColumn != 0) {
        if (i + roles.length > lines.size()) {
          break;
        }
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < roles.length; c++) {
          cells.add(TableCells.single(lines.get(i + c).text()));
        }
        row(lines.get(i).number(), cells);
        i += roles.length;
        continue;
      }
      if (TaskTable.number(first) == null) {
        int next = nextNonBlank(lines, i + 1);
        if (next < lines.size()
            && TaskTable.number(TableCells.single(lines.get(next).text())) != null
            && Numbering.at(first) != null) {
          category(lines.get(i).number(), first);
          i = next;
          continue;
        }
        break;
      }
      int rowLine = lines.get(i).number();
      int rowNumber = TaskTable.number(first);
      List<String> cells = new ArrayList<>(List.of(first));
      i++;
      while (i < lines.size() && cells.size() < roles.length) {
        String cell = TableCells.single(lines.get(i).text());
        Integer n = TaskTable.number(cell);
        if (n != null && n == rowNumber + 1 && cells.size() > 1) {
          break;
        }
        if (cells.size() > 1 && startsCategory(lines, i)) {
          break;
        }
        if (!lines.get(i).blank()) {
          cells.add(cell);
        }
        i++;
      }
      row(rowLine, cells);
    }
    return i;
  }

  private void row(int line, List<String> cells) {
    String task = cell(cells, Column.TASK);
    String categoryCell = cell(cells, Column.CATEGORY);
    if (!categoryCell.isEmpty() && !categoryCell.equals(category)) {
      category(line, categoryCell);
    }
    if (task.isEmpty()) {
      return;
    }
    String numberCell = cell(cells, Column.NUMBER);
    Integer number = numberCell.isEmpty() ? null : TaskTable.number(numberCell);
    int n = number != null ? number : ++place;
    if (number != null) {
      place = number;
    }
    Numbering own = Numbering.at(task);
    if (own != null && own.number() == n && own.style() != Numbering.Style.CN_SHI) {
      task = own.text();
    }
    Responsibility owners =
        ResponsibilityText.units(cell(cells, Column.LEAD), ResponsibilityText.Role.LEAD)
            .and(
                ResponsibilityText.units(
                    cell(cells, Column.SUPPORT), ResponsibilityText.Role.SUPPORT))
            .and(
                new Responsibility(
                    null,
                    List.of(),
                    ResponsibilityText.leader(cell(cells, Column.LEADER)),
                    ResponsibilityText.deadline(cell(cells, Column.DEADLINE))));
    entries.add(
        new DocumentBlock.Row(
            line, new Numbering(Numbering.Style.TABLE_ROW, n, task.strip()), owners));
  }

  private void category(int line, String text) {
    category = text;
    Numbering own = Numbering.at(text);
    Numbering numbering =
        own != null
            ? own
            : new Numbering(Numbering.Style.TABLE_CATEGORY, ++categories, text.strip());
    place = 0;
    entries.add(new DocumentBlock.Row(line, numbering, Responsibility.NONE));
  }

  private String cell(List<String> cells, Column role) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < roles.length && i < cells.size(); i++) {
      if (roles[i] == role && !cells.get(i).isEmpty()) {
        text.append(text.isEmpty() ? "" : "、").append(cells.get(i));
      }
    }
    return text.toString().strip();
  }

  private int indexOf(Column role) {
    for (int i = 0; i < roles.length; i++) {
      if (roles[i] == role) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsCategory(List<SourceLine> lines, int at) {
    Numbering heading = Numbering.at(TableCells.single(lines.get(at).text()));
    int next = nextNonBlank(lines, at + 1);
    return heading != null
        && heading.style() != Numbering.Style.DIGIT
        && next < lines.size()
        && TaskTable.number(TableCells.single(lines.get(next).text())) != null;
  }

  private boolean nextRowFollows(List<SourceLine> lines, int from) {
    int next = nextNonBlank(lines, from);
    if (next >= lines.size()) {
      return false;
    }
    List<String> cells = TableCells.of(lines.get(next).text());
    return cells.size() >= 2 && !TableCells.onlyFirst(cells);
  }

  private static int nextNonBlank(List<SourceLine> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).blank()) {
      i++;
    }
    return i;
  }
}
