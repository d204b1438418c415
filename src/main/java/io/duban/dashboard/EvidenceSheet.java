package io.duban.dashboard;

import io.duban.report.PlanStanding;
import io.duban.system.ChineseDates;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The ledger's 佐证材料 sheet: one row per piece of evidence, by item in the ledger's order, with its
 * file, type, size, who sent it and when, and where it downloads (a link where the service has a
 * public address).
 */
final class EvidenceSheet {

  static final String SHEET = "佐证材料";
  static final List<String> HEADERS =
      List.of("序号", "编号", "任务", "报送单位", "文件", "类型", "大小", "发送人", "发送时间", "下载地址");
  private static final int[] WIDTHS = {5, 11, 24, 14, 24, 10, 9, 10, 11, 36};

  private EvidenceSheet() {}

  static void write(
      Workbook book,
      LedgerWorkbook.Styles styles,
      PlanStanding board,
      List<EvidenceLine> lines,
      String weekLine,
      ZoneId zone,
      LocalDate today) {
    Sheet sheet = book.createSheet(SHEET);
    LedgerWorkbook.title(sheet, styles, board.year() + "年督办事项佐证材料", weekLine, HEADERS.size());
    LedgerWorkbook.header(sheet, styles, HEADERS, WIDTHS);
    int n = 0;
    for (EvidenceLine e : lines) {
      Row row = sheet.createRow(LedgerWorkbook.HEADER_ROWS + n);
      n++;
      LedgerWorkbook.text(row, 0, String.valueOf(n), styles.centre);
      LedgerWorkbook.text(row, 1, e.itemCode(), styles.centre);
      LedgerWorkbook.text(row, 2, e.itemTitle(), styles.wrap);
      LedgerWorkbook.text(row, 3, e.unitName(), styles.wrap);
      LedgerWorkbook.text(row, 4, e.fileName(), styles.wrap);
      LedgerWorkbook.text(row, 5, e.typeLabel(), styles.centre);
      LedgerWorkbook.text(row, 6, e.sizeText(), styles.centre);
      LedgerWorkbook.text(row, 7, e.sender(), styles.centre);
      LedgerWorkbook.text(row, 8, ChineseDates.dateTime(e.sentAt(), zone, today), styles.centre);
      LedgerWorkbook.text(row, 9, e.download(), styles.wrap);
      if (e.download().startsWith("https://") || e.download().startsWith("http://")) {
        Hyperlink link = book.getCreationHelper().createHyperlink(HyperlinkType.URL);
        link.setAddress(e.download());
        row.getCell(9).setHyperlink(link);
      }
      LedgerWorkbook.fit(row, WIDTHS);
    }
    LedgerWorkbook.print(sheet, HEADERS.size());
  }
}
