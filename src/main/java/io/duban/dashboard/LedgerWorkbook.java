package io.duban.dashboard;

import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ReportFact;
import io.duban.system.ChineseDates;
import io.duban.unit.Assignment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * Writes the 台账 workbook: the items as of the week by section (序号 within each section, a leaf
 * section numbered 一, 二…), with 责任领导 and 责任人 from their assignments, then every report of the week;
 * laid out to print on A4 landscape (fit to width, header repeated, margins), each row as tall as
 * its wrapped text at the column widths ({@link CellLines}).
 */
final class LedgerWorkbook {

  static final String ITEMS_SHEET = "重点工作台账";
  static final String REPORTS_SHEET = "本周进展";
  static final String HANDLING_SHEET = "办理过程";
  static final List<String> HANDLING_HEADERS =
      List.of("序号", "编号", "任务", "来源", "签收时间", "时限调整", "环节", "办理人", "渠道", "时间", "说明");
  private static final int[] HANDLING_WIDTHS = {6, 11, 28, 14, 16, 22, 12, 16, 8, 16, 36};
  static final List<String> ITEM_HEADERS =
      List.of(
          "序号", "编号", "任务", "责任领导", "牵头单位", "责任人", "配合单位", "完成时限", "状态", "研判依据", "完成进度", "最新进展",
          "报送人", "报送时间");
  static final List<String> REPORT_HEADERS =
      List.of("序号", "编号", "任务", "报送单位", "报送人", "状态", "进度", "进展内容", "报送时间", "报送时效");

  /** Column widths in digits; with A4 landscape fit to width they print at about 8 points. */
  private static final int[] ITEM_WIDTHS = {5, 6, 24, 9, 12, 8, 14, 10, 7, 22, 6, 36, 8, 11};

  private static final int[] REPORT_WIDTHS = {5, 6, 24, 14, 8, 7, 6, 48, 11, 9};

  /** Rows of the header block: title, week line, column names. */
  static final int HEADER_ROWS = 3;

  /** Height of one wrapped line of 10-point CJK text, and a row's padding, in points. */
  private static final float LINE_POINTS = 14.5f;

  private static final float PADDING_POINTS = 4f;
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

  private final ZoneId zone;

  /** Rows of a sheet kept in memory while it is written. */
  private static final int ROW_WINDOW = 200;

  LedgerWorkbook(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The workbook of {@code board}'s week.
   *
   * @param assignments each item's assignment by code, for its 责任领导 and 责任人
   * @param today today in the service zone: the 截至 date is never after it
   */
  byte[] write(
      PlanStanding board,
      List<ReportFact> weekReports,
      Map<String, String> unitNames,
      Map<String, Assignment> assignments,
      LocalDate today) {
    return write(board, weekReports, unitNames, assignments, List.of(), today);
  }

  /**
   * The workbook with a third sheet, 办理过程: every item's 来源, 签收 time, deadline changes and each
   * handling step (交办, 签收, 延期, 退回, 申请办结, 复核, 办结) with the person and time.
   */
  byte[] write(
      PlanStanding board,
      List<ReportFact> weekReports,
      Map<String, String> unitNames,
      Map<String, Assignment> assignments,
      List<ItemHandling> handling,
      LocalDate today) {
    return write(board, weekReports, unitNames, assignments, handling, List.of(), today);
  }

  /**
   * The workbook with, after 办理过程, a sheet 佐证材料 listing every piece of evidence of the items (see
   * {@link EvidenceSheet}) when there is any.
   */
  byte[] write(
      PlanStanding board,
      List<ReportFact> weekReports,
      Map<String, String> unitNames,
      Map<String, Assignment> assignments,
      List<ItemHandling> handling,
      List<EvidenceLine> evidence,
      LocalDate today) {
    // streamed: only a window of rows stays in memory, the rest goes to a temporary file, so a
    // plan of 10,000 items and a week of 20,000 reports fits a small heap (the whole XSSF tree
    // of such a ledger did not)
    SXSSFWorkbook book = new SXSSFWorkbook(ROW_WINDOW);
    try (book) {
      Styles styles = new Styles(book);
      LocalDate asOf = ChineseDates.asOf(board.week().sunday(), today);
      items(book, styles, board, assignments, asOf, today);
      reports(book, styles, board, weekReports, unitNames, asOf, today);
      if (!handling.isEmpty()) {
        handling(book, styles, board, handling, asOf, today);
      }
      if (!evidence.isEmpty()) {
        EvidenceSheet.write(
            book, styles, board, evidence, weekLine(board, asOf, today), zone, today);
      }
      var out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the ledger workbook", e);
    }
  }

  /** The week line under the title: {@code 2024年第23周（6月3日—6月9日）　截至2024年6月9日}. */
  static String weekLine(PlanStanding board, LocalDate asOf, LocalDate today) {
    return ChineseDates.week(board.week().monday(), today) + "　截至" + ChineseDates.fullDate(asOf);
  }

  private void items(
      Workbook book,
      Styles styles,
      PlanStanding board,
      Map<String, Assignment> assignments,
      LocalDate asOf,
      LocalDate today) {
    Sheet sheet = book.createSheet(ITEMS_SHEET);
    int columns = ITEM_HEADERS.size();
    title(sheet, styles, board.year() + "年重点工作督办台账", weekLine(board, asOf, today), columns);
    header(sheet, styles, ITEM_HEADERS, ITEM_WIDTHS);
    int next = HEADER_ROWS;
    int sectionNumber = 0;
    for (PlanStanding.Section section : board.sections()) {
      if (section.rows().isEmpty()) {
        continue;
      }
      sectionNumber++;
      boolean leafSection =
          section.rows().size() == 1
              && section.rows().get(0).item().code().equals(section.item().code());
      if (leafSection) {
        item(
            sheet.createRow(next++),
            styles,
            section.rows().get(0),
            numeral(sectionNumber),
            assignments,
            today);
        continue;
      }
      Row heading = sheet.createRow(next++);
      String name = numeral(sectionNumber) + "、" + section.item().title();
      text(heading, 0, name, styles.section);
      for (int c = 1; c < columns; c++) {
        text(heading, c, "", styles.section);
      }
      sheet.addMergedRegion(
          new CellRangeAddress(heading.getRowNum(), heading.getRowNum(), 0, columns - 1));
      heading.setHeightInPoints(height(CellLines.count(name, sum(ITEM_WIDTHS))));
      int n = 0;
      for (ItemStanding r : section.rows()) {
        item(sheet.createRow(next++), styles, r, String.valueOf(++n), assignments, today);
      }
    }
    print(sheet, columns);
  }

  private void item(
      Row row,
      Styles styles,
      ItemStanding r,
      String number,
      Map<String, Assignment> assignments,
      LocalDate today) {
    ReportFact latest = r.latest();
    Assignment a = assignments.get(r.item().code());
    text(row, 0, number, styles.centre);
    text(row, 1, r.item().code(), styles.centre);
    text(row, 2, r.item().title(), styles.wrap);
    text(row, 3, a == null ? "" : a.leader(), styles.centre);
    text(row, 4, r.leadName(), styles.centre);
    text(row, 5, a == null ? "" : a.owner(), styles.centre);
    text(row, 6, r.supportText(), styles.wrap);
    text(row, 7, ChineseDates.fullDate(r.deadline()), styles.centre);
    text(row, 8, r.light().label(), styles.light(r.light()));
    text(row, 9, r.judgement().reasonText(), styles.wrap);
    var percent = row.createCell(10);
    percent.setCellValue(r.percent() / 100.0);
    percent.setCellStyle(styles.percent);
    text(row, 11, latest == null ? "" : latest.text(), styles.wrap);
    text(
        row,
        12,
        latest == null || latest.reporter() == null ? "" : latest.reporter(),
        styles.centre);
    text(row, 13, latest == null ? "" : time(latest.createdAt(), today), styles.centre);
    fit(row, ITEM_WIDTHS);
  }

  private void reports(
      Workbook book,
      Styles styles,
      PlanStanding board,
      List<ReportFact> weekReports,
      Map<String, String> unitNames,
      LocalDate asOf,
      LocalDate today) {
    Sheet sheet = book.createSheet(REPORTS_SHEET);
    title(
        sheet,
        styles,
        ChineseDates.shortWeek(board.week().monday(), today) + "进展报送明细",
        weekLine(board, asOf, today),
        REPORT_HEADERS.size());
    header(sheet, styles, REPORT_HEADERS, REPORT_WIDTHS);
    Map<String, String> titles =
        board.rows().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    r -> r.item().code(), r -> r.item().title(), (a, b) -> a));
    int n = 0;
    for (ReportFact f : weekReports) {
      Row row = sheet.createRow(HEADER_ROWS + n);
      n++;
      text(row, 0, String.valueOf(n), styles.centre);
      text(row, 1, f.itemCode(), styles.centre);
      text(row, 2, titles.getOrDefault(f.itemCode(), ""), styles.wrap);
      text(row, 3, unitNames.getOrDefault(f.unitCode(), f.unitCode()), styles.wrap);
      text(row, 4, f.reporter() == null ? "" : f.reporter(), styles.centre);
      text(row, 5, f.statusLabel(), styles.centre);
      if (f.percent() == null) {
        text(row, 6, "", styles.centre);
      } else {
        var percent = row.createCell(6);
        percent.setCellValue(f.percent() / 100.0);
        percent.setCellStyle(styles.percent);
      }
      text(row, 7, f.text(), styles.wrap);
      text(row, 8, time(f.createdAt(), today), styles.centre);
      // 按时/迟报 against the week's due time; 已逾期 when past the item's deadline
      text(row, 9, f.timeliness() + (f.overdue() ? "，已逾期" : ""), styles.centre);
      fit(row, REPORT_WIDTHS);
    }
    print(sheet, REPORT_HEADERS.size());
  }

  /** One item's handling for the 办理过程 sheet. */
  record ItemHandling(
      io.duban.plan.PlanItem item,
      io.duban.unit.Acknowledgement acknowledgement,
      String deadlineChanges,
      List<HandlingLine> lines) {}

  private void handling(
      Workbook book,
      Styles styles,
      PlanStanding board,
      List<ItemHandling> handling,
      LocalDate asOf,
      LocalDate today) {
    Sheet sheet = book.createSheet(HANDLING_SHEET);
    title(
        sheet,
        styles,
        board.year() + "年督办事项办理过程",
        weekLine(board, asOf, today),
        HANDLING_HEADERS.size());
    header(sheet, styles, HANDLING_HEADERS, HANDLING_WIDTHS);
    int n = 0;
    for (ItemHandling h : handling) {
      var ack = h.acknowledgement();
      String acknowledged =
          ack == null
              ? ""
              : ack.acknowledged()
                  ? time(ack.acknowledgedAt(), today) + " " + ack.acknowledgedBy()
                  : "待签收";
      List<HandlingLine> lines =
          h.lines().isEmpty() ? java.util.Collections.singletonList(null) : h.lines();
      for (HandlingLine line : lines) {
        Row row = sheet.createRow(HEADER_ROWS + n);
        n++;
        text(row, 0, String.valueOf(n), styles.centre);
        text(row, 1, h.item().code(), styles.centre);
        text(row, 2, h.item().title(), styles.wrap);
        text(
            row,
            3,
            h.item().source().kind().label()
                + (h.item().source().ref() == null ? "" : "（" + h.item().source().ref() + "）"),
            styles.wrap);
        text(row, 4, acknowledged, styles.wrap);
        text(row, 5, h.deadlineChanges(), styles.wrap);
        text(row, 6, line == null ? "" : line.step(), styles.centre);
        text(row, 7, line == null ? "" : line.actor(), styles.wrap);
        text(row, 8, line == null ? "" : line.via(), styles.centre);
        text(row, 9, line == null ? "" : time(line.at(), today), styles.centre);
        text(row, 10, line == null ? "" : line.note(), styles.wrap);
        fit(row, HANDLING_WIDTHS);
      }
    }
    print(sheet, HANDLING_HEADERS.size());
  }

  /** Sets the row's height to its tallest cell's wrapped lines at the column widths. */
  static void fit(Row row, int[] widths) {
    int lines = 1;
    for (int c = 0; c < widths.length; c++) {
      var cell = row.getCell(c);
      if (cell != null && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
        lines = Math.max(lines, CellLines.count(cell.getStringCellValue(), widths[c]));
      }
    }
    row.setHeightInPoints(height(lines));
  }

  private static float height(int lines) {
    return lines * LINE_POINTS + PADDING_POINTS;
  }

  private static int sum(int[] widths) {
    return java.util.Arrays.stream(widths).sum();
  }

  /** 一 to 九百九十九, as a 台账 numbers its sections; a plan of more parts gets digits beyond. */
  static String numeral(int n) {
    String digits = "零一二三四五六七八九";
    if (n >= 1000) {
      return String.valueOf(n);
    }
    if (n >= 100) {
      int rest = n % 100;
      String hundreds = digits.charAt(n / 100) + "百";
      return rest == 0
          ? hundreds
          : hundreds
              + (rest < 10
                  ? "零" + digits.charAt(rest)
                  : rest < 20 ? "一" + numeral(rest) : numeral(rest));
    }
    if (n < 10) {
      return String.valueOf(digits.charAt(n));
    }
    String tens = n < 20 ? "十" : digits.charAt(n / 10) + "十";
    return n % 10 == 0 ? tens : tens + digits.charAt(n % 10);
  }

  static void title(Sheet sheet, Styles styles, String title, String weekLine, int columns) {
    Row row = sheet.createRow(0);
    row.setHeightInPoints(28);
    text(row, 0, title, styles.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
    Row week = sheet.createRow(1);
    week.setHeightInPoints(20);
    text(week, 0, weekLine, styles.subtitle);
    sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - 1));
  }

  static void header(Sheet sheet, Styles styles, List<String> headers, int[] widths) {
    Row row = sheet.createRow(HEADER_ROWS - 1);
    int lines = 1;
    for (int i = 0; i < headers.size(); i++) {
      text(row, i, headers.get(i), styles.header);
      sheet.setColumnWidth(i, widths[i] * 256);
      lines = Math.max(lines, CellLines.count(headers.get(i), widths[i]));
    }
    row.setHeightInPoints(height(lines) + 4);
    sheet.createFreezePane(0, HEADER_ROWS);
  }

  static void print(Sheet sheet, int columns) {
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
    sheet.setMargin(PageMargin.TOP, 0.6);
    sheet.setMargin(PageMargin.BOTTOM, 0.6);
    sheet.setMargin(PageMargin.HEADER, 0.3);
    sheet.setMargin(PageMargin.FOOTER, 0.3);
    sheet.setRepeatingRows(new CellRangeAddress(HEADER_ROWS - 1, HEADER_ROWS - 1, 0, columns - 1));
    sheet.getFooter().setCenter("第 &P 页，共 &N 页");
  }

  static void text(Row row, int column, String value, CellStyle style) {
    var cell = row.createCell(column);
    cell.setCellValue(value == null ? "" : value);
    cell.setCellStyle(style);
  }

  private String time(Instant instant, LocalDate today) {
    return ChineseDates.dateTime(instant, zone, today);
  }

  /** The few cell styles the workbook uses, created once per workbook. */
  static final class Styles {
    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle section;
    final CellStyle header;
    final CellStyle wrap;
    final CellStyle centre;
    final CellStyle percent;
    final Map<Light, CellStyle> lights = new java.util.EnumMap<>(Light.class);

    Styles(Workbook book) {
      Font bold = book.createFont();
      bold.setBold(true);
      bold.setFontName("宋体");
      bold.setFontHeightInPoints((short) 10);
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
      subtitle = book.createCellStyle();
      subtitle.setFont(body);
      subtitle.setAlignment(HorizontalAlignment.CENTER);
      subtitle.setVerticalAlignment(VerticalAlignment.CENTER);
      section = bordered(book, bold);
      section.setAlignment(HorizontalAlignment.LEFT);
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

    private static XSSFCellStyle bordered(Workbook book, Font font) {
      // an SXSSF workbook's styles are its XSSF workbook's
      XSSFCellStyle style = (XSSFCellStyle) book.createCellStyle();
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
