package io.duban.plan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;

/**
 * The text of a Word .docx: one line per paragraph, with the number Word shows for automatically
 * numbered paragraphs (一、 （一） 1. as the numbering definitions render them) written in front, and
 * each table row as one line of tab-separated cells, a blank line around each table.
 */
final class DocxText {

  private final XWPFNumbering numbering;
  private final Map<BigInteger, int[]> counters = new HashMap<>();

  private DocxText(XWPFNumbering numbering) {
    this.numbering = numbering;
  }

  static String of(byte[] bytes) {
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      DocxText reader = new DocxText(document.getNumbering());
      List<String> lines = new ArrayList<>();
      for (IBodyElement element : document.getBodyElements()) {
        if (element instanceof XWPFParagraph paragraph) {
          lines.add(reader.line(paragraph));
        } else if (element instanceof XWPFTable table) {
          lines.add("");
          for (XWPFTableRow row : table.getRows()) {
            lines.add(reader.row(row));
          }
          lines.add("");
        }
      }
      return String.join("\n", lines);
    } catch (IOException | RuntimeException e) {
      throw PlanImportException.at(1, "无法读取这个 Word 文档（.docx）：文件可能已损坏，应另存后再导入");
    }
  }

  private String line(XWPFParagraph paragraph) {
    return label(paragraph) + paragraph.getText().replace('\n', ' ').replace('\t', ' ');
  }

  private String row(XWPFTableRow row) {
    List<String> cells = new ArrayList<>();
    for (XWPFTableCell cell : row.getTableCells()) {
      List<String> parts = new ArrayList<>();
      for (XWPFParagraph paragraph : cell.getParagraphs()) {
        String text = line(paragraph).strip();
        if (!text.isEmpty()) {
          parts.add(text);
        }
      }
      cells.add(String.join(" ", parts));
      var properties = cell.getCTTc().getTcPr();
      if (properties != null && properties.getGridSpan() != null) {
        int span = properties.getGridSpan().getVal().intValue();
        for (int i = 1; i < span; i++) {
          cells.add("");
        }
      }
    }
    return String.join("\t", cells);
  }

  /** The number Word shows before an automatically numbered paragraph, or "". */
  private String label(XWPFParagraph paragraph) {
    BigInteger numId = paragraph.getNumID();
    if (numId == null || numbering == null) {
      return "";
    }
    int level = paragraph.getNumIlvl() == null ? 0 : paragraph.getNumIlvl().intValue();
    BigInteger abstractId = numbering.getAbstractNumID(numId);
    if (abstractId == null || numbering.getAbstractNum(abstractId) == null || level > 8) {
      return "";
    }
    CTAbstractNum definition = numbering.getAbstractNum(abstractId).getCTAbstractNum();
    CTLvl[] levels = new CTLvl[9];
    for (CTLvl lvl : definition.getLvlList()) {
      int at = lvl.getIlvl().intValue();
      if (at >= 0 && at < 9) {
        levels[at] = lvl;
      }
    }
    if (levels[level] == null) {
      return "";
    }
    int[] count = counters.computeIfAbsent(numId, id -> new int[9]);
    count[level] = count[level] == 0 ? start(levels[level]) : count[level] + 1;
    for (int deeper = level + 1; deeper < 9; deeper++) {
      count[deeper] = 0;
    }
    String text = levels[level].getLvlText() == null ? "" : levels[level].getLvlText().getVal();
    for (int k = 0; k <= level; k++) {
      int value = count[k] == 0 && levels[k] != null ? start(levels[k]) : count[k];
      text = text.replace("%" + (k + 1), format(value, levels[k]));
    }
    if (text.isBlank()) {
      return "";
    }
    char last = text.charAt(text.length() - 1);
    boolean closed = "、.．)）:：,， ".indexOf(last) >= 0;
    return closed ? text : text + (Character.isDigit(last) ? "." : "、");
  }

  private static int start(CTLvl level) {
    return level.getStart() == null ? 1 : level.getStart().getVal().intValue();
  }

  private static String format(int value, CTLvl level) {
    String kind =
        level == null || level.getNumFmt() == null
            ? "decimal"
            : level.getNumFmt().getVal().toString();
    if (kind.startsWith("chinese")
        || kind.equals("ideographDigital")
        || kind.equals("taiwaneseCounting")) {
      return value >= 1 && value <= 99 ? ChineseNumerals.format(value) : String.valueOf(value);
    }
    if (kind.startsWith("decimalEnclosedCircle") && value >= 1 && value <= 20) {
      return String.valueOf((char) ('①' + value - 1));
    }
    if (kind.equals("decimalFullWidth")) {
      StringBuilder out = new StringBuilder();
      for (char c : String.valueOf(value).toCharArray()) {
        out.append((char) (c - '0' + '０'));
      }
      return out.toString();
    }
    if (kind.equals("bullet") || kind.equals("none")) {
      return "";
    }
    return String.valueOf(value);
  }
}
