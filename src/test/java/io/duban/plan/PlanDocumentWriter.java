package io.duban.plan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/**
 * Builds test plan documents as users have them from a text description: {@code NAME.docx.txt}
 * becomes a Word document (lines {@code @1 text}, {@code @2 text} are paragraphs numbered by Word
 * at that level of the {@code @numbering} definition, lines {@code | a | b |} table rows, {@code |=
 * a} a row merged across the table), {@code NAME.xlsx.txt} an Excel sheet (one row per line, cells
 * parted by {@code |}, an empty first cell written as a leading {@code |}; {@code @merge N} merges
 * empty cells of column N into the one above), {@code NAME.pdf.txt} a PDF whose lines are
 * hard-wrapped at {@code @width} characters with a page number at the foot of each page, {@code
 * NAME.gb18030.txt} text saved as GB18030, {@code NAME.bin.txt} the bytes written in hex; any other
 * {@code .txt} is the document's UTF-8 text. The description's leading {@code #} lines are
 * comments.
 */
final class PlanDocumentWriter {

  private PlanDocumentWriter() {}

  static byte[] document(Path description) throws IOException {
    String name = description.getFileName().toString();
    List<String> lines = body(Files.readAllLines(description, StandardCharsets.UTF_8));
    if (name.endsWith(".docx.txt")) {
      return docx(lines);
    }
    if (name.endsWith(".xlsx.txt")) {
      return xlsx(lines);
    }
    if (name.endsWith(".pdf.txt")) {
      return pdf(lines);
    }
    if (name.endsWith(".bin.txt")) {
      return HexFormat.of().parseHex(String.join("", lines).replaceAll("\\s+", ""));
    }
    Charset charset =
        name.endsWith(".gb18030.txt") ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
    return String.join("\n", lines).getBytes(charset);
  }

  /** The description without its leading comment lines. */
  static List<String> body(List<String> lines) {
    int start = 0;
    while (start < lines.size() && lines.get(start).startsWith("#")) {
      start++;
    }
    return lines.subList(start, lines.size());
  }

  static byte[] docx(List<String> lines) throws IOException {
    try (XWPFDocument document = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      BigInteger numId = null;
      List<List<String>> table = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("|")) {
          table.add(cells(line));
          continue;
        }
        if (!table.isEmpty()) {
          table(document, table);
          table.clear();
        }
        if (line.startsWith("@numbering ")) {
          numId = numbering(document, line.substring("@numbering ".length()).split("\\|"));
        } else if (line.matches("^@[1-9] .*")) {
          XWPFParagraph paragraph = document.createParagraph();
          paragraph.setNumID(numId);
          paragraph.setNumILvl(BigInteger.valueOf(line.charAt(1) - '1'));
          paragraph.createRun().setText(line.substring(3));
        } else {
          document.createParagraph().createRun().setText(line);
        }
      }
      if (!table.isEmpty()) {
        table(document, table);
      }
      document.write(out);
      return out.toByteArray();
    }
  }

  /** A numbering definition, levels written {@code 一、=chineseCounting|（一）=chineseCounting}. */
  private static BigInteger numbering(XWPFDocument document, String[] levels) {
    XWPFNumbering numbering = document.createNumbering();
    CTAbstractNum definition = CTAbstractNum.Factory.newInstance();
    definition.setAbstractNumId(BigInteger.valueOf(numbering.getAbstractNums().size()));
    for (int i = 0; i < levels.length; i++) {
      String[] textAndFormat = levels[i].split("=");
      CTLvl level = definition.addNewLvl();
      level.setIlvl(BigInteger.valueOf(i));
      level.addNewStart().setVal(BigInteger.ONE);
      level.addNewNumFmt().setVal(STNumberFormat.Enum.forString(textAndFormat[1]));
      level.addNewLvlText().setVal(textAndFormat[0]);
    }
    BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(definition, numbering));
    return numbering.addNum(abstractId);
  }

  private static void table(XWPFDocument document, List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(1);
    XWPFTable table = document.createTable(rows.size(), columns);
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      XWPFTableRow tableRow = table.getRow(r);
      if (row.size() == 1 && row.get(0).startsWith("=")) {
        while (tableRow.getTableCells().size() > 1) {
          tableRow.removeCell(tableRow.getTableCells().size() - 1);
        }
        XWPFTableCell cell = tableRow.getCell(0);
        cell.getCTTc().addNewTcPr().addNewGridSpan().setVal(BigInteger.valueOf(columns));
        cell.setText(row.get(0).substring(1).strip());
        continue;
      }
      for (int c = 0; c < columns; c++) {
        tableRow.getCell(c).setText(c < row.size() ? row.get(c) : "");
      }
    }
  }

  static byte[] xlsx(List<String> lines) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet("任务清单");
      List<Integer> merged = new ArrayList<>();
      int r = 0;
      for (String line : lines) {
        if (line.startsWith("@merge ")) {
          merged.add(Integer.parseInt(line.substring(7).strip()));
          continue;
        }
        XSSFRow row = sheet.createRow(r++);
        String[] cells = line.split("\\|", -1);
        for (int c = 0; c < cells.length; c++) {
          row.createCell(c).setCellValue(cells[c].strip());
        }
      }
      for (int column : merged) {
        int from = -1;
        for (int i = 0; i <= r; i++) {
          var row = sheet.getRow(i);
          var cell = row == null ? null : row.getCell(column);
          boolean empty = cell == null || cell.getStringCellValue().isEmpty();
          if (i < r && empty && from >= 0) {
            continue;
          }
          if (from >= 0 && i - 1 > from) {
            sheet.addMergedRegion(new CellRangeAddress(from, i - 1, column, column));
          }
          from = i < r && !empty ? i : -1;
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /**
   * A PDF of the paragraphs, hard-wrapped like a printed page; the font is the standard Chinese
   * font STSong-Light, referenced and not embedded, so no font file is needed to build it.
   */
  static byte[] pdf(List<String> lines) throws IOException {
    int width = 32;
    List<String> printed = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("@width ")) {
        width = Integer.parseInt(line.substring(7).strip());
      } else if (!line.isBlank()) {
        printed.addAll(wrap(line.strip(), width));
      }
    }
    int perPage = 36;
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      COSDictionary font = chineseFont();
      for (int from = 0, page = 1; from < printed.size(); from += perPage, page++) {
        PDPage pdfPage = new PDPage();
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(COSName.getPDFName("F1"), font);
        PDResources resources = new PDResources();
        resources.getCOSObject().setItem(COSName.FONT, fonts);
        pdfPage.setResources(resources);
        StringBuilder content = new StringBuilder("BT /F1 11 Tf 16 TL 56 740 Td\n");
        for (String line : printed.subList(from, Math.min(printed.size(), from + perPage))) {
          content.append('<').append(hex(line)).append("> Tj T*\n");
        }
        content
            .append("ET\nBT /F1 9 Tf 290 40 Td <")
            .append(hex("- " + page + " -"))
            .append("> Tj ET\n");
        pdfPage.setContents(
            new PDStream(
                document,
                new ByteArrayInputStream(content.toString().getBytes(StandardCharsets.US_ASCII))));
        document.addPage(pdfPage);
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  private static List<String> wrap(String paragraph, int width) {
    List<String> wrapped = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    double used = 0;
    for (char c : paragraph.toCharArray()) {
      double w = c < 0x2E80 ? 0.5 : 1;
      if (used + w > width) {
        wrapped.add(line.toString());
        line.setLength(0);
        used = 0;
      }
      line.append(c);
      used += w;
    }
    if (!line.isEmpty()) {
      wrapped.add(line.toString());
    }
    return wrapped;
  }

  private static COSDictionary chineseFont() {
    COSDictionary system = new COSDictionary();
    system.setString(COSName.REGISTRY, "Adobe");
    system.setString(COSName.ORDERING, "GB1");
    system.setInt(COSName.SUPPLEMENT, 4);
    COSDictionary descriptor = new COSDictionary();
    descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
    descriptor.setName(COSName.FONT_NAME, "STSong-Light");
    descriptor.setInt(COSName.FLAGS, 6);
    COSArray box = new COSArray();
    for (int v : new int[] {0, -200, 1000, 900}) {
      box.add(COSInteger.get(v));
    }
    descriptor.setItem(COSName.FONT_BBOX, box);
    descriptor.setInt(COSName.ITALIC_ANGLE, 0);
    descriptor.setInt(COSName.ASCENT, 880);
    descriptor.setInt(COSName.DESCENT, -120);
    descriptor.setInt(COSName.CAP_HEIGHT, 880);
    descriptor.setInt(COSName.STEM_V, 93);
    COSDictionary cid = new COSDictionary();
    cid.setItem(COSName.TYPE, COSName.FONT);
    cid.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE0);
    cid.setName(COSName.BASE_FONT, "STSong-Light");
    cid.setItem(COSName.CIDSYSTEMINFO, system);
    cid.setItem(COSName.FONT_DESC, descriptor);
    cid.setInt(COSName.DW, 1000);
    COSDictionary font = new COSDictionary();
    font.setItem(COSName.TYPE, COSName.FONT);
    font.setItem(COSName.SUBTYPE, COSName.TYPE0);
    font.setName(COSName.BASE_FONT, "STSong-Light-UniGB-UTF16-H");
    font.setName(COSName.ENCODING, "UniGB-UTF16-H");
    COSArray descendants = new COSArray();
    descendants.add(cid);
    font.setItem(COSName.DESCENDANT_FONTS, descendants);
    return font;
  }

  private static String hex(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE));
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    if (inner.startsWith("|")) {
      inner = inner.substring(1);
    }
    if (inner.endsWith("|")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }
}
