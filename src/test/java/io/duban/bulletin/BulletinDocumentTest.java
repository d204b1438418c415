package io.duban.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportWeek;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * The week's 通报 as a reader opens it (POI) and as a printer prints it (LibreOffice to PDF): its
 * parts in order, its numbers against the fixture's known standings, the 公文 page and fonts.
 */
class BulletinDocumentTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final BulletinPeriod W23 = BulletinPeriod.of(ReportWeek.parse("2024-W23"));
  private static final BulletinPeriod W22 = BulletinPeriod.of(ReportWeek.parse("2024-W22"));

  private static final String HANGING = "，。、；：？！”」）";

  private final BulletinProperties properties = BulletinProperties.defaults();

  private Bulletin bulletin() {
    return bulletin(BulletinFixture.snapshot());
  }

  private Bulletin bulletin(ProgressSnapshot snapshot) {
    return new BulletinAssembler(ZONE, properties)
        .assemble(snapshot, W23, 23, W22, LocalDate.of(2024, 6, 20), "每周四15:00前");
  }

  @Test
  void countsEachItemOnceAndTheChangeSinceTheLastIssue() {
    Bulletin b = bulletin();
    assertThat(b.counts()).isEqualTo(new BulletinCounts(6, 2, 1, 1, 2, 1, 1));
    // a week earlier: 3.1 closed, 1.1 on pace, 1.2 (no report yet), 2 and 3.2 behind, 1.3 overdue;
    // only 1.1 reported in week 22
    assertThat(b.previous()).isEqualTo(new BulletinCounts(6, 1, 1, 1, 3, 1, 4));
    assertThat(b.ahead()).extracting(Bulletin.Line::code).containsExactly("1.1", "1.2");
    assertThat(b.behind()).extracting(Bulletin.Line::code).containsExactly("1.3", "2", "3.2");
    assertThat(b.unreportedUnits()).containsExactly("规划与法规科");
    assertThat(b.issuedOn()).isEqualTo(LocalDate.of(2024, 6, 9));
  }

  @Test
  void documentHasTheIssueNumberTheSectionsInOrderTheCountsAndTheLedger() throws Exception {
    byte[] docx = new BulletinDocument(properties).write(bulletin());

    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<String> paragraphs =
          doc.getParagraphs().stream()
              .map(XWPFParagraph::getText)
              .filter(t -> !t.isBlank())
              .toList();
      assertThat(paragraphs.get(0)).isEqualTo("督查通报");
      assertThat(paragraphs.get(1)).isEqualTo("2024年第23期");
      assertThat(paragraphs.get(2)).startsWith("督查室").endsWith("2024年6月9日");
      assertThat(paragraphs.get(3)).isEqualTo("关于2024年第23周（6月3日—6月9日）重点工作推进情况的通报");
      assertThat(paragraphs)
          .containsSubsequence(
              BulletinDocument.OVERVIEW,
              BulletinDocument.AHEAD,
              BulletinDocument.BEHIND,
              BulletinDocument.NEXT,
              BulletinDocument.ATTACHMENT);
      String all = String.join("\n", paragraphs);
      assertThat(all)
          .contains("纳入督办的6项事项中，已办结2项（其中已销号1项），比上期增加1项")
          .contains("进度滞后2项，比上期减少1项")
          .contains("逾期1项，与上期持平")
          .contains("本期未报送进展1项，比上期减少3项")
          .contains("1.【1.1】推进省实验室建设（牵头单位：重大平台建设科）。已报完成，待复核销号")
          .contains("2.【1.2】加快推动重大科技创新平台建设（牵头单位：重大平台建设科）。已完成90%，高于序时进度")
          .contains("1.【1.3】建设科技企业孵化载体（牵头单位：重大平台建设科）。已完成50%")
          .contains("主要问题：已超过完成时限（2024年5月31日）")
          .contains("6月4日报送：“孵化器场地审批尚未完成”")
          .contains("本期未按要求报送进展的单位：规划与法规科。")
          .contains("（一）抓好滞后事项整改。请重大平台建设科、高新技术发展及产业化科、规划与法规科对照完成时限")
          .contains("请于每周四15:00前通过工作群报送")
          .contains("督办事项台账（截至2024年6月9日）");

      XWPFTable counts = doc.getTables().get(0);
      assertThat(cells(counts.getRow(0))).containsExactly(CountsTable.HEADERS);
      assertThat(cells(counts.getRow(1))).containsExactly("已办结", "2", "1", "+1");
      assertThat(cells(counts.getRow(2))).containsExactly("正常推进", "1", "1", "持平");
      assertThat(cells(counts.getRow(3))).containsExactly("进度滞后", "2", "3", "-1");
      assertThat(cells(counts.getRow(4))).containsExactly("逾期", "1", "1", "持平");
      assertThat(cells(counts.getRow(5))).containsExactly("未报送", "1", "4", "-3");
      assertThat(cells(counts.getRow(6))).containsExactly("事项总数", "6", "6", "持平");

      XWPFTable ledger = doc.getTables().get(1);
      assertThat(cells(ledger.getRow(0))).isEqualTo(LedgerTable.HEADERS);
      assertThat(ledger.getRow(0).isRepeatHeader()).as("header repeats on every page").isTrue();
      assertThat(ledger.getRows()).as("header, 3 sections, 6 items").hasSize(10);
      assertThat(cells(ledger.getRow(1))).containsExactly("一、实施重大创新载体提升行动");
      assertThat(cells(ledger.getRow(4)))
          .containsExactly(
              "3", "1.3", "建设科技企业孵化载体", "重大平台建设科", "", "2024年5月31日", "50%；孵化器场地审批尚未完成", "逾期");
      assertThat(cells(ledger.getRow(9))).endsWith("尚无进展报送", "进度滞后");

      CTSectPr sect = doc.getDocument().getBody().getSectPr();
      assertThat(sect.getPgSz().getW()).as("A4 width").hasToString("11906");
      assertThat(sect.getPgSz().getH()).as("A4 height").hasToString("16838");
      CTPageMar m = sect.getPgMar();
      assertThat(List.of(m.getTop(), m.getBottom(), m.getLeft(), m.getRight()))
          .as("公文 margins 37/35/28/26 mm in twips")
          .extracting(Object::toString)
          .containsExactly("2098", "1984", "1587", "1474");
      assertThat(doc.getFooterArray(0).getParagraphs().get(0).getCTP().xmlText()).contains("PAGE");

      assertThat(font(doc, BulletinDocument.OVERVIEW)).isEqualTo("黑体");
      assertThat(font(doc, "现将")).isEqualTo("仿宋_GB2312");
      assertThat(font(doc, "督查通报")).isEqualTo("方正小标宋简体");
      XWPFRun red = doc.getParagraphs().get(0).getRuns().get(0);
      assertThat(red.getColor()).isEqualTo("FF0000");
      PackagePart fonts =
          doc.getPackage()
              .getPartsByName(java.util.regex.Pattern.compile("/word/fontTable.xml"))
              .get(0);
      assertThat(new String(fonts.getInputStream().readAllBytes(), "UTF-8"))
          .contains("w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>")
          .contains("w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>");
    }
  }

  @Test
  void attachmentOfAProvinceScalePlanHasEveryItemsRowWithItsText() throws Exception {
    int parts = 20;
    int perPart = 150;
    byte[] docx =
        new BulletinDocument(properties).write(bulletin(BulletinFixture.large(parts, perPart)));

    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      XWPFTable ledger = doc.getTables().get(1);
      assertThat(ledger.getRows())
          .as("header, a row per part and per item")
          .hasSize(1 + parts * (1 + perPart));
      assertThat(cells(ledger.getRow(0))).isEqualTo(LedgerTable.HEADERS);
      assertThat(ledger.getRow(0).isRepeatHeader()).as("header repeats on every page").isTrue();
      int row = 1;
      for (int p = 1; p <= parts; p++) {
        assertThat(cells(ledger.getRow(row++))).containsExactly(Numerals.of(p) + "、第" + p + "部分");
        for (int i = 1; i <= perPart; i++) {
          String code = p + "." + i;
          assertThat(cells(ledger.getRow(row++)))
              .as("item %s", code)
              .containsExactly(
                  String.valueOf(i),
                  code,
                  "第" + p + "部分第" + i + "项重点任务",
                  "第" + i % 7 + "处",
                  i % 2 == 0 ? "第" + (i + 1) % 7 + "处" : "",
                  "2024年12月31日",
                  i % 2 == 1 ? "100%；" + code + "已完成" : "尚无进展报送",
                  i % 2 == 1 ? "已办结" : "进度滞后");
        }
      }
      XWPFTableRow last = ledger.getRow(row - 1);
      assertThat(last.getCtRow().getTrPr().xmlText())
          .as("an item's row as the prototype XWPF wrote: may split across pages")
          .contains("cantSplit");
      assertThat(
              last.getCell(2)
                  .getParagraphs()
                  .get(0)
                  .getRuns()
                  .get(0)
                  .getFontFamily(XWPFRun.FontCharRange.eastAsia))
          .isEqualTo("仿宋_GB2312");
      assertThat(last.getCell(2).getParagraphs().get(0).getRuns().get(0).getFontSizeAsDouble())
          .isEqualTo(10.5);
    }
  }

  @Test
  void escapesMarkupAndDropsCharactersXmlForbidsInTitlesAndNames() throws Exception {
    String title = "研发&转化 <试点> \"一期\" '二期'\u0001\u0008\uFFFE\uD800末";
    String unit = "产业&<创新>\"科\"'";
    byte[] docx =
        new BulletinDocument(properties).write(bulletin(BulletinFixture.snapshot(title, unit)));

    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      XWPFTable ledger = doc.getTables().get(1);
      // flattened as all reporter text is (a control is a space, angle brackets turn), then the
      // non-characters and the lone surrogate dropped; the unit's name is kept as typed
      assertThat(cells(ledger.getRow(4))).startsWith("3", "1.3", "研发&转化 ‹试点› \"一期\" '二期' 末", unit);
      assertThat(cells(ledger.getRow(2)).get(3)).isEqualTo(unit);
      String body =
          doc.getParagraphs().stream().map(XWPFParagraph::getText).reduce("", String::concat);
      assertThat(body).contains("1.【1.3】研发&转化 ‹试点› \"一期\" '二期' 末（牵头单位：" + unit + "）");
    }
  }

  @Test
  void printsOnA4PagesWithinTheMarginsWithChineseTextAndEmbeddedFonts() throws Exception {
    byte[] pdf =
        OfficePdf.print(new BulletinDocument(properties).write(bulletin()), "bulletin.docx");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages())
          .as("the 通报, then the 附件 on its own page")
          .isGreaterThanOrEqualTo(2);
      for (PDPage page : document.getPages()) {
        PDRectangle box = page.getMediaBox();
        assertThat(box.getWidth()).as("A4 width in points").isBetween(594f, 597f);
        assertThat(box.getHeight()).as("A4 height in points").isBetween(841f, 843f);
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
        }
      }
      List<TextPosition> glyphs = new ArrayList<>();
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions)
                throws java.io.IOException {
              glyphs.addAll(positions);
              super.writeString(text, positions);
            }
          };
      String text = stripper.getText(document);
      assertThat(text.replaceAll("\\s", ""))
          .contains("督查通报")
          .contains("2024年第23期")
          .contains("一、总体情况")
          .contains("三、进度滞后的事项")
          .contains("督办事项台账")
          .contains("加快推动重大科技创新平台建设")
          .contains("—1—")
          .contains("—2—");
      float left = 28 * 72 / 25.4f;
      float right = 595.3f - 26 * 72 / 25.4f;
      for (TextPosition g : glyphs) {
        assertThat(g.getXDirAdj())
            .as("'%s' right of the left margin", g.getUnicode())
            .isGreaterThan(left - 2);
        // LibreOffice hangs a line's closing punctuation into the margin (标点悬挂): one mark at most
        boolean punctuation = HANGING.contains(g.getUnicode());
        assertThat(g.getXDirAdj() + g.getWidthDirAdj())
            .as("'%s' left of the right margin in line %s", g.getUnicode(), line(glyphs, g))
            .isLessThan(punctuation ? right + g.getWidthDirAdj() + 2 : right + 2);
      }
      float top = 37 * 72 / 25.4f;
      assertThat(
              glyphs.stream()
                  .filter(g -> g.getYDirAdj() < 700)
                  // a CJK glyph rises about 0.8 of its size above the baseline
                  .map(g -> g.getYDirAdj() - 0.8f * g.getFontSizeInPt())
                  .min(Float::compare)
                  .orElseThrow())
          .as("text starts below the 37 mm top margin")
          .isGreaterThan(top - 4);
    }
  }

  @Test
  void attachmentOfManyItemsPrintsOnPagesThatEachRepeatTheHeader() throws Exception {
    byte[] pdf =
        OfficePdf.print(
            new BulletinDocument(properties).write(bulletin(BulletinFixture.large(3, 60))),
            "bulletin.docx");

    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      List<String> attachment = new ArrayList<>();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String text = stripper.getText(document).replaceAll("\\s", "");
        if (text.contains("督办事项台账") || !attachment.isEmpty()) {
          attachment.add(text);
        }
      }
      assertThat(attachment).as("180 items' rows over several pages").hasSizeGreaterThan(3);
      assertThat(attachment)
          .as("the header row on every page of the 附件")
          .allMatch(t -> t.contains(String.join("", LedgerTable.HEADERS)));
      String all = String.join("", attachment);
      assertThat(all)
          .contains("三、第3部分")
          .contains("第1部分第1项重点任务")
          .contains("第3部分第60项重点任务")
          .contains("100%；3.59已完成");
    }
  }

  private static String line(List<TextPosition> glyphs, TextPosition g) {
    StringBuilder s = new StringBuilder();
    glyphs.stream()
        .filter(o -> Math.abs(o.getYDirAdj() - g.getYDirAdj()) < 1)
        .forEach(
            o -> s.append(o.getUnicode()).append('@').append((int) o.getXDirAdj()).append(' '));
    return s.toString();
  }

  private static List<String> cells(XWPFTableRow row) {
    return row.getTableCells().stream().map(c -> c.getText()).toList();
  }

  private static String font(XWPFDocument doc, String startsWith) {
    return doc.getParagraphs().stream()
        .filter(p -> p.getText().startsWith(startsWith))
        .findFirst()
        .orElseThrow()
        .getRuns()
        .get(0)
        .getFontFamily(XWPFRun.FontCharRange.eastAsia);
  }
}
