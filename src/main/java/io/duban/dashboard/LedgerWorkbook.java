package io.duban.dashboard;

import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ReportFact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the 台账 workbook: one row per item as of the week, then every report of the week, laid out
 * to print on A4 landscape (fit to width, header repeated, Chinese text wrapped).
 */
final class LedgerWorkbook {

  static final String ITEMS_SHEET = "重点工作台账";
  static final String REPORTS_SHEET = "本周进展";
  static final List<String> ITEM_HEADERS =
      List.of(
          "序号", "编号", "任务", "牵头单位", "配合单位", "完成时限", "状态", "研判依据", "完成进度", "最新进展", "报送人", "报送时间");
  static final List<String> REPORT_HEADERS =
      List.of("序号", "编号", "任务", "报送单位", "报送人", "状态", "进度", "进展内容", "报送时间", "报送时效");
  private static final int[] ITEM_WIDTHS = {6, 7, 26, 14, 18, 12, 9, 22, 10, 40, 10, 17};
  private static final int[] REPORT_WIDTHS = {6, 7, 24, 16, 10, 9, 8, 50, 17, 9};
  private static final Map<Light, String> LIGHT_RGB =
      Map.of(
          Light.GREEN,
          "C8E6C9",
          Light.YELLOW,
          "FFF59D",
          Light.RED,
          "FFCDD2",
          Light.CLOSED,
          "CFD8DC");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ZoneId zone;

  LedgerWorkbook(ZoneId zone) {
    this.zone = zone;
  }

  byte[] write(PlanStanding board, List<ReportFact> weekReports, Map<String, String> unitNames) {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Styles styles = new Styles(book);
      items(book, styles, board);
      reports(book, styles, board, weekReports, unitNames);
      var out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the ledger workbook", e);
    }
  }

  private void items(XSSFWorkbook book, Styles styles, PlanStanding board) {
    Sheet sheet = book.createSheet(ITEMS_SHEET);
    title(
        sheet,
        styles,
        board.year() + "年重点工作督办台账（" + board.week() + "，截至 " + board.asOf() + "）",
        ITEM_HEADERS.size());
    header(sheet, styles, ITEM_HEADERS, ITEM_WIDTHS);
    int n = 0;
    for (ItemStanding r : board.rows()) {
      Row row = sheet.createRow(2 + n);
      n++;
      ReportFact latest = r.latest();
      cell(row, 0, n, styles.centre);
      text(row, 1, r.item().code(), styles.centre);
      text(row, 2, r.item().title(), styles.wrap);
      text(row, 3, r.leadName(), styles.wrap);
      text(row, 4, r.supportText(), styles.wrap);
      text(row, 5, r.deadline() == null ? "" : r.deadline().toString(), styles.centre);
      text(row, 6, r.light().label(), styles.light(r.light()));
      text(row, 7, r.judgement().reasonText(), styles.wrap);
      var percent = row.createCell(8);
      percent.setCellValue(r.percent() / 100.0);
      percent.setCellStyle(styles.percent);
      text(row, 9, latest == null ? "" : latest.text(), styles.wrap);
      text(
          row,
          10,
          latest == null || latest.reporter() == null ? "" : latest.reporter(),
          styles.wrap);
      text(row, 11, latest == null ? "" : time(latest.createdAt()), styles.centre);
    }
    print(sheet, ITEM_HEADERS.size());
  }

  private void reports(
      XSSFWorkbook book,
      Styles styles,
      PlanStanding board,
      List<ReportFact> weekReports,
      Map<String, String> unitNames) {
    Sheet sheet = book.createSheet(REPORTS_SHEET);
    title(
        sheet,
        styles,
        board.week() + " 进展报送明细（" + board.week().monday() + " 至 " + board.asOf() + "）",
        REPORT_HEADERS.size());
    header(sheet, styles, REPORT_HEADERS, REPORT_WIDTHS);
    Map<String, String> titles =
        board.rows().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    r -> r.item().code(), r -> r.item().title(), (a, b) -> a));
    int n = 0;
    for (ReportFact f : weekReports) {
      Row row = sheet.createRow(2 + n);
      n++;
      cell(row, 0, n, styles.centre);
      text(row, 1, f.itemCode(), styles.centre);
      text(row, 2, titles.getOrDefault(f.itemCode(), ""), styles.wrap);
      text(row, 3, unitNames.getOrDefault(f.unitCode(), f.unitCode()), styles.wrap);
      text(row, 4, f.reporter() == null ? "" : f.reporter(), styles.wrap);
      text(row, 5, f.statusLabel(), styles.centre);
      if (f.percent() == null) {
        text(row, 6, "", styles.centre);
      } else {
        var percent = row.createCell(6);
        percent.setCellValue(f.percent() / 100.0);
        percent.setCellStyle(styles.percent);
      }
      text(row, 7, f.text(), styles.wrap);
      text(row, 8, time(f.createdAt()), styles.centre);
      // 按时/迟报 against the week's due time; 已逾期 when past the item's deadline
      text(row, 9, f.timeliness() + (f.overdue() ? "，已逾期" : ""), styles.centre);
    }
    print(sheet, REPORT_HEADERS.size());
  }

  private static void title(Sheet sheet, Styles styles, String title, int columns) {
    Row row = sheet.createRow(0);
    row.setHeightInPoints(28);
    text(row, 0, title, styles.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
  }

  private static void header(Sheet sheet, Styles styles, List<String> headers, int[] widths) {
    Row row = sheet.createRow(1);
    row.setHeightInPoints(22);
    for (int i = 0; i < headers.size(); i++) {
      text(row, i, headers.get(i), styles.header);
      sheet.setColumnWidth(i, widths[i] * 256);
    }
    sheet.createFreezePane(0, 2);
  }

  private static void print(Sheet sheet, int columns) {
    PrintSetup setup = sheet.getPrintSetup();
    setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
    setup.setLandscape(true);
    setup.setFitWidth((short) 1);
    setup.setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    sheet.setHorizontallyCenter(true);
    sheet.setMargin(PageMargin.LEFT, 0.4);
    sheet.setMargin(PageMargin.RIGHT, 0.4);
    sheet.setMargin(PageMargin.TOP, 0.5);
    sheet.setMargin(PageMargin.BOTTOM, 0.5);
    sheet.setRepeatingRows(new CellRangeAddress(1, 1, 0, columns - 1));
    sheet.getFooter().setCenter("第 &P 页，共 &N 页");
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    var cell = row.createCell(column);
    cell.setCellValue(value == null ? "" : value);
    cell.setCellStyle(style);
  }

  private static void cell(Row row, int column, int value, CellStyle style) {
    var cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  private String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  /** The few cell styles the workbook uses, created once per workbook. */
  private static final class Styles {
    final CellStyle title;
    final CellStyle header;
    final CellStyle wrap;
    final CellStyle centre;
    final CellStyle percent;
    final Map<Light, CellStyle> lights = new java.util.EnumMap<>(Light.class);

    Styles(XSSFWorkbook book) {
      Font bold = book.createFont();
      bold.setBold(true);
      bold.setFontName("宋体");
      Font big = book.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 16);
      big.setFontName("宋体");
      Font body = book.createFont();
      body.setFontName("宋体");
      body.setFontHeightInPoints((short) 10);
      title = book.createCellStyle();
      title.setFont(big);
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      header = bordered(book, body);
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      wrap = bordered(book, body);
      centre = bordered(book, body);
      centre.setAlignment(HorizontalAlignment.CENTER);
      percent = bordered(book, body);
      percent.setAlignment(HorizontalAlignment.CENTER);
      percent.setDataFormat(book.createDataFormat().getFormat("0%"));
      for (Light light : Light.values()) {
        XSSFCellStyle style = bordered(book, bold);
        style.setAlignment(HorizontalAlignment.CENTER);
        style.setFillForegroundColor(new XSSFColor(hex(LIGHT_RGB.get(light)), null));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        lights.put(light, style);
      }
    }

    CellStyle light(Light light) {
      return lights.get(light);
    }

    private static XSSFCellStyle bordered(XSSFWorkbook book, Font font) {
      XSSFCellStyle style = book.createCellStyle();
      style.setFont(font);
      style.setWrapText(true);
      style.setVerticalAlignment(VerticalAlignment.CENTER);
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      return style;
    }

    private static byte[] hex(String rgb) {
      return java.util.HexFormat.of().parseHex(rgb);
    }
  }
}
