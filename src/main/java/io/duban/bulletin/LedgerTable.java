package io.duban.bulletin;

import io.duban.report.ItemStanding;
import io.duban.report.PlanStanding;
import io.duban.report.ReporterText;
import io.duban.system.ChineseDates;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The 附件 of a 通报: every item of the plan as of the period's end, section by section, with its
 * units, deadline, latest progress and its standing in the 通报's own words.
 */
final class LedgerTable {

  static final List<String> HEADERS =
      List.of("序号", "编号", "重点工作", "牵头单位", "配合单位", "完成时限", "进展情况", "状态");

  /** Column widths in twips; they add up to the text width of the 公文 page. */
  private static final int[] WIDTHS = {560, 700, 2100, 1200, 1000, 1000, 1585, 700};

  private static final double SIZE = 10.5;
  private static final int PROGRESS_CHARS = 80;

  private final BulletinProperties fonts;

  LedgerTable(BulletinProperties fonts) {
    this.fonts = fonts;
  }

  /** A section's heading row and an item's row: the prototypes the rows are streamed after. */
  private static final int SECTION = 0;

  private static final int ITEM = 1;

  /**
   * Writes the 附件's label, title and the table's header into {@code doc}, with one prototype of
   * each kind of row whose cells hold {@code rows}' slots; the rows themselves are streamed in when
   * the document is written ({@link DocxRows}), from the source returned.
   */
  DocxRows.Source write(XWPFDocument doc, Bulletin b, DocxRows rows) {
    XWPFParagraph label = BulletinDocument.fixed(doc.createParagraph());
    OfficialPage.run(label, BulletinDocument.ATTACHMENT, fonts.headingFont(), 16);
    XWPFParagraph title = doc.createParagraph();
    title.setAlignment(ParagraphAlignment.CENTER);
    title.setSpacingAfter(200);
    OfficialPage.run(
        title, "督办事项台账（截至" + ChineseDates.fullDate(b.issuedOn()) + "）", fonts.titleFont(), 18);

    DocxTable t = new DocxTable(doc, WIDTHS);
    XWPFTableRow header = t.row();
    header.setRepeatHeader(true);
    for (int i = 0; i < HEADERS.size(); i++) {
      DocxTable.put(
          header.getCell(i), HEADERS.get(i), fonts.headingFont(), SIZE, ParagraphAlignment.CENTER);
    }
    XWPFTableRow heading = t.spanningRow();
    DocxTable.put(
        heading.getCell(0),
        rows.slot(SECTION, 0),
        fonts.headingFont(),
        SIZE,
        ParagraphAlignment.LEFT);
    XWPFTableRow item = t.row();
    item.setCantSplitRow(false);
    for (int i = 0; i < HEADERS.size(); i++) {
      boolean centred = i == 0 || i == 1 || i == 5 || i == 7;
      DocxTable.put(
          item.getCell(i),
          rows.slot(ITEM, i),
          fonts.bodyFont(),
          SIZE,
          centred ? ParagraphAlignment.CENTER : ParagraphAlignment.LEFT);
    }
    return out -> rows(out, b);
  }

  private static void rows(DocxRows.Rows out, Bulletin b) throws IOException {
    int section = 0;
    for (PlanStanding.Section s : b.ledger().sections()) {
      if (s.rows().isEmpty()) {
        continue;
      }
      section++;
      out.row(SECTION, Numerals.of(section) + "、" + ReporterText.flat(s.item().title(), 80));
      int n = 0;
      for (ItemStanding r : s.rows()) {
        n++;
        out.row(ITEM, cells(r, n, b.issuedOn()));
      }
    }
  }

  /** An item's row as the 附件 shows it, column by column ({@link #HEADERS}). */
  static String[] cells(ItemStanding r, int n, LocalDate asOf) {
    String progress =
        r.latest() == null
            ? "尚无进展报送"
            : r.percent() + "%；" + ReporterText.flat(r.latest().summary(), PROGRESS_CHARS);
    return new String[] {
      String.valueOf(n),
      r.item().code(),
      ReporterText.flat(r.item().title(), 120),
      r.leadUnit() == null ? "未分配" : r.leadName(),
      r.supportText(),
      ChineseDates.fullDate(r.deadline()),
      progress,
      label(BulletinCounts.of(r, asOf))
    };
  }

  static String label(BulletinCounts.Standing s) {
    return switch (s) {
      case FINISHED -> "已办结";
      case NORMAL -> "正常推进";
      case BEHIND -> "进度滞后";
      case OVERDUE -> "逾期";
    };
  }
}
