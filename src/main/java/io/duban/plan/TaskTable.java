package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds 任务分解表 in a document's lines and reads their rows as numbered entries with their
 * responsibilities. A table is recognised by its header (序号 / 任务 / 牵头单位 / 配合单位 / 责任领导 / 完成时限 and
 * their variants), in any of three shapes: tab-separated rows (from Word and Excel), rows with
 * {@code |} between cells, or one cell per line as a table pasted from a web page.
 */
final class TaskTable {

  /** What a table column holds. */
  enum Column {
    NUMBER,
    CATEGORY,
    TASK,
    LEAD,
    RESPONSIBLE,
    SUPPORT,
    LEADER,
    DEADLINE,
    OTHER
  }

  private static final Pattern NUMBER_CELL = Pattern.compile("^[（(]?\\s*(\\d{1,3})\\s*[)）.．、]?$");

  private TaskTable() {}

  /** The document as blocks: lines outside tables as they are, table rows as entries. */
  static List<DocumentBlock> blocks(List<SourceLine> lines) {
    List<DocumentBlock> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      SourceLine line = lines.get(i);
      List<String> cells = TableCells.of(line.text());
      Column[] header = cells.size() >= 2 ? TableHeader.roles(cells) : null;
      if (header != null) {
        TableRows rows = new TableRows(header);
        i = rows.readDelimited(lines, i + 1);
        blocks.addAll(rows.entries());
        continue;
      }
      int run = TableHeader.cellPerLineRun(lines, i);
      if (run > 0) {
        Column[] roles = TableHeader.roles(cellTexts(lines.subList(i, i + run)));
        TableRows rows = new TableRows(roles);
        i = rows.readCellPerLine(lines, i + run);
        blocks.addAll(rows.entries());
        continue;
      }
      blocks.add(new DocumentBlock.Text(line));
      i++;
    }
    return blocks;
  }

  static Integer number(String cell) {
    var m = NUMBER_CELL.matcher(Numbering.halfWidth(cell.strip()));
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  private static List<String> cellTexts(List<SourceLine> lines) {
    return lines.stream().map(l -> TableCells.single(l.text())).toList();
  }
}
