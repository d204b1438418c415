package io.duban.bulletin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

/**
 * The page of a 公文 (GB/T 9704): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, page
 * numbers centred at the foot as {@code — 1 —}, and a font table naming each Chinese font's common
 * alternative, so Word without 仿宋_GB2312 or 方正小标宋简体 shows 仿宋 or 宋体 instead.
 */
final class OfficialPage {

  /** Twentieths of a point per millimetre. */
  private static final double TWIPS_PER_MM = 1440 / 25.4;

  static final int A4_WIDTH = 11906;
  static final int A4_HEIGHT = 16838;
  static final int TOP = mm(37);
  static final int BOTTOM = mm(35);
  static final int LEFT = mm(28);
  static final int RIGHT = mm(26);

  /** The width text may take, in twips. */
  static final int TEXT_WIDTH = A4_WIDTH - LEFT - RIGHT;

  private static final String FONT_TABLE_TYPE =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
  private static final String FONT_TABLE_REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";

  private OfficialPage() {}

  static int mm(double millimetres) {
    return (int) Math.round(millimetres * TWIPS_PER_MM);
  }

  /** A4 portrait with the 公文 margins and the page number in the footer. */
  static void setUp(XWPFDocument doc, String pageNumberFont) {
    CTSectPr sect =
        doc.getDocument().getBody().isSetSectPr()
            ? doc.getDocument().getBody().getSectPr()
            : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
    size.setW(BigInteger.valueOf(A4_WIDTH));
    size.setH(BigInteger.valueOf(A4_HEIGHT));
    CTPageMar margin = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
    margin.setTop(BigInteger.valueOf(TOP));
    margin.setBottom(BigInteger.valueOf(BOTTOM));
    margin.setLeft(BigInteger.valueOf(LEFT));
    margin.setRight(BigInteger.valueOf(RIGHT));
    margin.setHeader(BigInteger.valueOf(mm(15)));
    margin.setFooter(BigInteger.valueOf(mm(20)));
    margin.setGutter(BigInteger.ZERO);

    XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
    XWPFParagraph p = footer.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    run(p, "— ", pageNumberFont, 14);
    // a complex field in plain runs, so it stays between the dashes
    run(p, "", pageNumberFont, 14).getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
    run(p, "", pageNumberFont, 14).getCTR().addNewInstrText().setStringValue(" PAGE ");
    run(p, "", pageNumberFont, 14).getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
    // the value shown before the reader computes the field (Word and LibreOffice always do)
    run(p, "1", pageNumberFont, 14);
    run(p, "", pageNumberFont, 14).getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
    run(p, " —", pageNumberFont, 14);
  }

  /** Registers the font table with each font's alternative name. */
  static void fontTable(XWPFDocument doc, String[][] fontsAndAlternatives) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    for (String[] f : fontsAndAlternatives) {
      xml.append("<w:font w:name=\"").append(f[0]).append("\">");
      if (f.length > 1 && !f[1].equals(f[0])) {
        xml.append("<w:altName w:val=\"").append(f[1]).append("\"/>");
      }
      // GB2312's character set: Word substitutes a Chinese font, never a Latin one
      xml.append("<w:charset w:val=\"86\"/><w:family w:val=\"auto\"/></w:font>");
    }
    xml.append("</w:fonts>");
    try {
      PackagePartName name = PackagingURIHelper.createPartName("/word/fontTable.xml");
      PackagePart part = doc.getPackage().createPart(name, FONT_TABLE_TYPE);
      try (OutputStream out = part.getOutputStream()) {
        out.write(xml.toString().getBytes(StandardCharsets.UTF_8));
      }
      doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL, FONT_TABLE_REL);
    } catch (InvalidFormatException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static XWPFRun run(XWPFParagraph p, String text, String font, double points) {
    XWPFRun r = p.createRun();
    if (!text.isEmpty()) {
      // XMLBeans would write a control character or lone surrogate as is: a file Word rejects
      r.setText(XmlText.allowedOnly(text));
    }
    r.setFontFamily(font);
    r.setFontSize(points);
    return r;
  }
}
