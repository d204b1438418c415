package io.duban.plan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The text of an Excel .xlsx task table: each row one line of tab-separated cells as Excel shows
 * them (a merged cell's value only in its first cell), a blank line between sheets.
 */
final class XlsxText {

  private XlsxText() {}

  static String of(byte[] bytes) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      DataFormatter formatter = new DataFormatter();
      List<String> lines = new ArrayList<>();
      for (Sheet sheet : workbook) {
        for (int r = sheet.getFirstRowNum(); r >= 0 && r <= sheet.getLastRowNum(); r++) {
          Row row = sheet.getRow(r);
          lines.add(row == null ? "" : line(row, formatter));
        }
        lines.add("");
      }
      return String.join("\n", lines);
    } catch (IOException | RuntimeException e) {
      throw PlanImportException.at(1, "无法读取这个 Excel 文档（.xlsx）：文件可能已损坏，应另存后再导入");
    }
  }

  private static String line(Row row, DataFormatter formatter) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < row.getLastCellNum(); c++) {
      Cell cell = row.getCell(c);
      String text = cell == null ? "" : formatter.formatCellValue(cell);
      cells.add(text.replace('\n', ' ').replace('\t', ' ').strip());
    }
    int end = cells.size();
    while (end > 0 && cells.get(end - 1).isEmpty()) {
      end--;
    }
    return String.join("\t", cells.subList(0, end));
  }
}
