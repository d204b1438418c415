package io.duban.unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small .xlsx files whose worksheet inflates to hundreds of megabytes, straight into a zip
 * (no workbook in memory), for the import's limits.
 */
final class LargeSheets {

  interface Body {
    void write(Writer out) throws IOException;
  }

  private LargeSheets() {}

  /** A sheet of {@code megabytes} MB of blank padding inside {@code sheetData}: no cells at all. */
  static byte[] blank(int megabytes) {
    return xlsx(
        out -> {
          char[] spaces = new char[1 << 20];
          java.util.Arrays.fill(spaces, ' ');
          for (int i = 0; i < megabytes; i++) {
            out.write(spaces);
          }
        });
  }

  /** A sheet of {@code rows} rows of {@code columns} short text cells each (inline strings). */
  static byte[] dense(int rows, int columns) {
    return xlsx(
        out -> {
          for (int r = 1; r <= rows; r++) {
            out.write("<row r=\"" + r + "\">");
            for (int c = 0; c < columns; c++) {
              out.write("<c t=\"inlineStr\"><is><t>科技金融与资源配置科</t></is></c>");
            }
            out.write("</row>");
          }
        });
  }

  static byte[] xlsx(Body sheetData) {
    try {
      var bytes = new ByteArrayOutputStream();
      try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
        zip.setLevel(Deflater.BEST_COMPRESSION);
        entry(
            zip,
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default"
                + " Extension=\"rels\""
                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default"
                + " Extension=\"xml\" ContentType=\"application/xml\"/><Override"
                + " PartName=\"/xl/workbook.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override"
                + " PartName=\"/xl/worksheets/sheet1.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
        entry(
            zip,
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship"
                + " Id=\"rId1\""
                + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"xl/workbook.xml\"/></Relationships>");
        entry(
            zip,
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook"
                + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet"
                + " name=\"责任分工\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        entry(
            zip,
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship"
                + " Id=\"rId1\""
                + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
                + " Target=\"worksheets/sheet1.xml\"/></Relationships>");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        out.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet"
                + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheetData.write(out);
        out.write("</sheetData></worksheet>");
        out.flush();
        zip.closeEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
