package io.duban.bulletin;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** The 总体情况 as a small table: each count this issue, last issue and the change. */
final class CountsTable {

  static final String[] HEADERS = {"类别", "本期（项）", "上期（项）", "增减"};

  private static final double SIZE = 14;

  private final BulletinProperties fonts;

  CountsTable(BulletinProperties fonts) {
    this.fonts = fonts;
  }

  void write(XWPFDocument doc, BulletinCounts now, BulletinCounts before) {
    int w = OfficialPage.TEXT_WIDTH / 4;
    DocxTable t = new DocxTable(doc, w, w, w, OfficialPage.TEXT_WIDTH - 3 * w);
    XWPFTableRow header = t.row();
    header.setRepeatHeader(true);
    for (int i = 0; i < HEADERS.length; i++) {
      DocxTable.put(
          header.getCell(i), HEADERS[i], fonts.headingFont(), SIZE, ParagraphAlignment.CENTER);
    }
    row(t, "已办结", now.finished(), before.finished());
    row(t, "正常推进", now.normal(), before.normal());
    row(t, "进度滞后", now.behind(), before.behind());
    row(t, "逾期", now.overdue(), before.overdue());
    row(t, "未报送", now.unreported(), before.unreported());
    row(t, "事项总数", now.total(), before.total());
  }

  private void row(DocxTable t, String label, int now, int before) {
    XWPFTableRow row = t.row();
    int d = now - before;
    String[] cells = {
      label, String.valueOf(now), String.valueOf(before), d == 0 ? "持平" : (d > 0 ? "+" : "") + d
    };
    for (int i = 0; i < cells.length; i++) {
      DocxTable.put(row.getCell(i), cells[i], fonts.bodyFont(), SIZE, ParagraphAlignment.CENTER);
    }
  }
}
