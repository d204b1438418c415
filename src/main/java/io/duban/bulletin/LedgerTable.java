package io.duban.bulletin;

import io.duban.report.ItemStanding;
import io.duban.report.PlanStanding;
import io.duban.report.ReporterText;
import io.duban.system.ChineseDates;
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

  void write(XWPFDocument doc, Bulletin b) {
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
    PlanStanding ledger = b.ledger();
    int section = 0;
    for (PlanStanding.Section s : ledger.sections()) {
      if (s.rows().isEmpty()) {
        continue;
      }
      section++;
      XWPFTableRow heading = t.spanningRow();
      DocxTable.put(
          heading.getCell(0),
          Numerals.of(section) + "、" + ReporterText.flat(s.item().title(), 80),
          fonts.headingFont(),
          SIZE,
          ParagraphAlignment.LEFT);
      int n = 0;
      for (ItemStanding r : s.rows()) {
        n++;
        row(t, r, n, b.issuedOn());
      }
    }
  }

  private void row(DocxTable t, ItemStanding r, int n, java.time.LocalDate asOf) {
    XWPFTableRow row = t.row();
    row.setCantSplitRow(false);
    String progress =
        r.latest() == null
            ? "尚无进展报送"
            : r.percent() + "%；" + ReporterText.flat(r.latest().summary(), PROGRESS_CHARS);
    String[] cells = {
      String.valueOf(n),
      r.item().code(),
      ReporterText.flat(r.item().title(), 120),
      r.leadUnit() == null ? "未分配" : r.leadName(),
      r.supportText(),
      ChineseDates.fullDate(r.deadline()),
      progress,
      label(BulletinCounts.of(r, asOf))
    };
    for (int i = 0; i < cells.length; i++) {
      boolean centred = i == 0 || i == 1 || i == 5 || i == 7;
      DocxTable.put(
          row.getCell(i),
          cells[i],
          fonts.bodyFont(),
          SIZE,
          centred ? ParagraphAlignment.CENTER : ParagraphAlignment.LEFT);
    }
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
