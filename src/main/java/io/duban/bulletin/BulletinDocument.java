package io.duban.bulletin;

import io.duban.system.ChineseDates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Writes a {@link Bulletin} as the .docx a 督查 office circulates: the red header with its 第N期, the
 * title, 一、总体情况 (with the counts and their change since the last issue), 二、进展较快的事项, 三、进度滞后的事项,
 * 四、下一步要求, the issuer and date, and the ledger as 附件 on its own pages. Body in the body font at 三号
 * (16 pt) on a fixed 28 pt line, headings in 黑体, title in 小标宋.
 */
final class BulletinDocument {

  static final String OVERVIEW = "一、总体情况";
  static final String AHEAD = "二、进展较快的事项";
  static final String BEHIND = "三、进度滞后的事项";
  static final String NEXT = "四、下一步要求";
  static final String ATTACHMENT = "附件";
  static final String RED = "FF0000";

  /** 三号 body, 二号 title, 小初 red header. */
  private static final double BODY = 16;

  private static final double TITLE = 22;
  private static final double HEADER = 36;
  private static final int LINE = 28;

  /** Two characters of 三号: the first-line indent of every body paragraph. */
  private static final int INDENT = 640;

  private final BulletinProperties fonts;

  BulletinDocument(BulletinProperties fonts) {
    this.fonts = fonts;
  }

  byte[] write(Bulletin b) {
    DocxRows rows = new DocxRows();
    DocxRows.Source ledger;
    byte[] skeleton;
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getProperties().getCoreProperties().setTitle(title(b));
      doc.getProperties().getCoreProperties().setCreator(b.issuer());
      OfficialPage.setUp(doc, "宋体");
      OfficialPage.fontTable(
          doc,
          new String[][] {
            {fonts.bodyFont(), "仿宋"},
            {fonts.headingFont(), "黑体"},
            {fonts.titleFont(), "宋体"},
            {"楷体_GB2312", "楷体"},
            {"宋体", "SimSun"}
          });
      header(doc, b);
      body(doc, b);
      ledger = new LedgerTable(fonts).write(doc, b, rows);
      doc.write(out);
      skeleton = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the 附件's rows streamed into the document XWPF wrote without them
    return rows.write(skeleton, ledger);
  }

  static String title(Bulletin b) {
    return "关于" + b.period().label() + "重点工作推进情况的通报";
  }

  private void header(XWPFDocument doc, Bulletin b) {
    XWPFParagraph red = doc.createParagraph();
    red.setAlignment(ParagraphAlignment.CENTER);
    red.setSpacingAfter(200);
    XWPFRun r = OfficialPage.run(red, "督查通报", fonts.titleFont(), HEADER);
    r.setColor(RED);
    r.setBold(true);
    r.setCharacterSpacing(200);

    XWPFParagraph number = fixed(doc.createParagraph());
    number.setAlignment(ParagraphAlignment.CENTER);
    OfficialPage.run(number, b.year() + "年第" + b.number() + "期", fonts.bodyFont(), BODY);

    XWPFParagraph issuer = fixed(doc.createParagraph());
    issuer.setAlignment(ParagraphAlignment.BOTH);
    OfficialPage.run(
        issuer,
        b.issuer() + "　　　　　　　　　" + ChineseDates.fullDate(b.issuedOn()),
        fonts.bodyFont(),
        BODY);
    issuer.setBorderBottom(Borders.THICK);
    issuer.getCTP().getPPr().getPBdr().getBottom().setColor(RED);

    XWPFParagraph title = doc.createParagraph();
    title.setAlignment(ParagraphAlignment.CENTER);
    title.setSpacingBefore(480);
    title.setSpacingAfter(240);
    OfficialPage.run(title, title(b), fonts.titleFont(), TITLE);
  }

  private void body(XWPFDocument doc, Bulletin b) {
    text(
        doc,
        "现将" + b.period().label() + (b.planYear() > 0 ? b.planYear() + "年" : "") + "重点工作推进情况通报如下：");
    heading(doc, OVERVIEW);
    BulletinCounts c = b.counts();
    BulletinCounts p = b.previous();
    text(
        doc,
        "截至"
            + ChineseDates.fullDate(b.issuedOn())
            + "，纳入督办的"
            + c.total()
            + "项事项中，已办结"
            + c.finished()
            + "项（其中已销号"
            + c.closed()
            + "项），"
            + change(c.finished(), p.finished())
            + "；正常推进"
            + c.normal()
            + "项，"
            + change(c.normal(), p.normal())
            + "；进度滞后"
            + c.behind()
            + "项，"
            + change(c.behind(), p.behind())
            + "；逾期"
            + c.overdue()
            + "项，"
            + change(c.overdue(), p.overdue())
            + "。本期未报送进展"
            + c.unreported()
            + "项，"
            + change(c.unreported(), p.unreported())
            + "。");
    new CountsTable(fonts).write(doc, c, p);

    heading(doc, AHEAD);
    list(doc, b.ahead(), b.aheadMore(), false);

    heading(doc, BEHIND);
    list(doc, b.behind(), b.behindMore(), true);
    if (!b.unreportedUnits().isEmpty()) {
      text(doc, "本期未按要求报送进展的单位：" + String.join("、", b.unreportedUnits()) + "。");
    }

    heading(doc, NEXT);
    List<String> next = b.requirements();
    for (int i = 0; i < next.size(); i++) {
      String item = next.get(i);
      int stop = item.indexOf('。') + 1;
      XWPFParagraph para = body(doc.createParagraph());
      XWPFRun lead =
          OfficialPage.run(
              para, "（" + Numerals.of(i + 1) + "）" + item.substring(0, stop), "楷体_GB2312", BODY);
      lead.setBold(true);
      OfficialPage.run(para, item.substring(stop), fonts.bodyFont(), BODY);
    }

    XWPFParagraph sign = fixed(doc.createParagraph());
    sign.setSpacingBefore(LINE * 20 * 2);
    sign.setAlignment(ParagraphAlignment.RIGHT);
    sign.setIndentationRight(INDENT * 2);
    OfficialPage.run(sign, b.issuer(), fonts.bodyFont(), BODY);
    XWPFParagraph date = fixed(doc.createParagraph());
    date.setAlignment(ParagraphAlignment.RIGHT);
    date.setIndentationRight(INDENT);
    OfficialPage.run(date, ChineseDates.fullDate(b.issuedOn()), fonts.bodyFont(), BODY);
    date.createRun().addBreak(BreakType.PAGE);
  }

  private void list(XWPFDocument doc, List<Bulletin.Line> lines, int more, boolean withReason) {
    if (lines.isEmpty()) {
      text(doc, "本期无。");
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      Bulletin.Line l = lines.get(i);
      StringBuilder s =
          new StringBuilder()
              .append(i + 1)
              .append(".【")
              .append(l.code())
              .append("】")
              .append(l.title())
              .append("（牵头单位：")
              .append(l.unit())
              .append("）。")
              .append(l.progress())
              .append("。");
      if (withReason && !l.reason().isEmpty()) {
        s.append("主要问题：").append(l.reason()).append("。");
      }
      if (!l.reported().isEmpty()) {
        s.append(l.reported()).append("。");
      }
      text(doc, s.toString());
    }
    if (more > 0) {
      text(doc, "另有" + more + "项，详见附件。");
    }
  }

  private static String change(int now, int before) {
    if (now == before) {
      return "与上期持平";
    }
    return now > before ? "比上期增加" + (now - before) + "项" : "比上期减少" + (before - now) + "项";
  }

  private void heading(XWPFDocument doc, String text) {
    XWPFParagraph p = body(doc.createParagraph());
    OfficialPage.run(p, text, fonts.headingFont(), BODY);
  }

  private void text(XWPFDocument doc, String text) {
    OfficialPage.run(body(doc.createParagraph()), text, fonts.bodyFont(), BODY);
  }

  private static XWPFParagraph body(XWPFParagraph p) {
    p.setAlignment(ParagraphAlignment.BOTH);
    p.setIndentationFirstLine(INDENT);
    return fixed(p);
  }

  static XWPFParagraph fixed(XWPFParagraph p) {
    p.setSpacingBetween(LINE, LineSpacingRule.EXACT);
    p.setSpacingAfter(0);
    return inside(p);
  }

  /** No punctuation hanging into the right margin (LibreOffice's default for Chinese text). */
  static XWPFParagraph inside(XWPFParagraph p) {
    var pr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
    (pr.isSetOverflowPunct() ? pr.getOverflowPunct() : pr.addNewOverflowPunct()).setVal(false);
    return p;
  }
}
