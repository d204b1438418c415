package io.duban.bulletin;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;

/** A bordered table of fixed column widths (twips) across the text width, filled cell by cell. */
final class DocxTable {

  private final XWPFTable table;
  private final int[] widths;
  private boolean first = true;

  DocxTable(XWPFDocument doc, int... widths) {
    this.widths = widths;
    this.table = doc.createTable(1, widths.length);
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    table.setWidthType(TableWidthType.DXA);
    table.setWidth(String.valueOf(total));
    CTTblGrid grid =
        table.getCTTbl().getTblGrid() == null
            ? table.getCTTbl().addNewTblGrid()
            : table.getCTTbl().getTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    for (int w : widths) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
    }
  }

  /** The next row: the one created with the table, then new ones. */
  XWPFTableRow row() {
    XWPFTableRow row = first ? table.getRow(0) : table.createRow();
    first = false;
    for (int i = 0; i < widths.length && i < row.getTableCells().size(); i++) {
      row.getCell(i).setWidthType(TableWidthType.DXA);
      row.getCell(i).setWidth(String.valueOf(widths[i]));
    }
    return row;
  }

  /** A row whose first cell spans every column. */
  XWPFTableRow spanningRow() {
    XWPFTableRow row = row();
    while (row.getTableCells().size() > 1) {
      row.removeCell(row.getTableCells().size() - 1);
    }
    XWPFTableCell cell = row.getCell(0);
    var pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
    pr.addNewGridSpan().setVal(BigInteger.valueOf(widths.length));
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    cell.setWidth(String.valueOf(total));
    return row;
  }

  static XWPFRun put(
      XWPFTableCell cell, String text, String font, double points, ParagraphAlignment align) {
    cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
    XWPFParagraph p = cell.getParagraphs().get(0);
    p.setAlignment(align);
    p.setSpacingAfter(0);
    BulletinDocument.inside(p);
    return OfficialPage.run(p, text == null ? "" : text, font, points);
  }
}
