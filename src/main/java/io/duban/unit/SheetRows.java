package io.duban.unit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first worksheet of an uploaded .xlsx as a stream of rows, without building the workbook
 * in memory and without temporary files: the zip is read in place from the upload's bytes, the
 * sheet's XML through POI's SAX handler ({@link XSSFSheetXMLHandler}). Every part is capped before
 * it is parsed (inflated bytes, rows, columns, characters per cell and in all), so a sheet that
 * inflates to hundreds of megabytes is refused after reading its first few, not parsed whole. Date
 * cells come out as {@code 2024-12-31}.
 */
final class SheetRows {

  /** One row: its number as Excel shows it (from 1) and its cells' text by column (from 0). */
  record Row(int number, List<String> cells) {
    String cell(Integer column) {
      return column == null || column >= cells.size() || cells.get(column) == null
          ? ""
          : cells.get(column).strip();
    }
  }

  /** Caps on what a sheet may hold; beyond any of them it is refused as {@link BadSheet}. */
  record Limits(
      int rows, int columns, int cellChars, long totalChars, long sheetBytes, long partBytes) {
    static final Limits DEFAULT = new Limits(5_000, 30, 2_000, 2_000_000, 32L << 20, 8L << 20);
  }

  /** The sheet cannot be read or is larger than {@link Limits} allow; the message is for people. */
  static final class BadSheet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadSheet(String message) {
      super(message, null, false, false);
    }
  }

  private static final String NOT_XLSX = "不是有效的 .xlsx 文件";

  private SheetRows() {}

  /** Every non-empty row of the first worksheet, in order. */
  static List<Row> read(byte[] xlsx, Limits limits) {
    try (ZipFile zip =
        ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get()) {
      Parts parts = Parts.find(zip, limits);
      StylesTable styles =
          parts.styles == null
              ? null
              : new StylesTable(capped(zip, parts.styles, limits.partBytes));
      ReadOnlySharedStringsTable strings =
          parts.strings == null
              ? new ReadOnlySharedStringsTable(
                  new java.io.ByteArrayInputStream(
                      "<sst/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              : new ReadOnlySharedStringsTable(capped(zip, parts.strings, limits.partBytes));
      Collector rows = new Collector(limits);
      XMLReader reader = XMLHelper.newXMLReader();
      reader.setContentHandler(
          new XSSFSheetXMLHandler(styles, strings, rows, new IsoDates(), false));
      reader.parse(new InputSource(capped(zip, parts.sheet, limits.sheetBytes)));
      return rows.rows;
    } catch (BadSheet e) {
      throw e;
    } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
      BadSheet cause = cause(e);
      throw cause != null ? cause : new BadSheet(NOT_XLSX);
    }
  }

  private static BadSheet cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadSheet b) {
        return b;
      }
      if (t instanceof SAXException s && s.getException() instanceof BadSheet b) {
        return b;
      }
    }
    return null;
  }

  private static InputStream capped(ZipFile zip, ZipArchiveEntry entry, long max)
      throws IOException {
    return new CappedStream(zip.getInputStream(entry), max);
  }

  /** The zip entries of the workbook's first sheet, its shared strings and its styles. */
  private record Parts(ZipArchiveEntry sheet, ZipArchiveEntry strings, ZipArchiveEntry styles) {

    static Parts find(ZipFile zip, Limits limits) throws IOException, SAXException {
      ZipArchiveEntry workbook = zip.getEntry("xl/workbook.xml");
      ZipArchiveEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
      if (workbook == null || rels == null) {
        throw new BadSheet(NOT_XLSX);
      }
      String firstSheet = firstSheetRelation(zip, workbook, limits);
      if (firstSheet == null) {
        throw new BadSheet("文件中没有工作表");
      }
      List<String[]> relations = relations(zip, rels, limits);
      String sheet = null;
      String strings = null;
      String styles = null;
      for (String[] r : relations) {
        String target = r[2].startsWith("/") ? r[2].substring(1) : "xl/" + r[2];
        if (r[0].equals(firstSheet)) {
          sheet = target;
        } else if (r[1].endsWith("/sharedStrings")) {
          strings = target;
        } else if (r[1].endsWith("/styles")) {
          styles = target;
        }
      }
      ZipArchiveEntry sheetEntry = sheet == null ? null : zip.getEntry(sheet);
      if (sheetEntry == null) {
        throw new BadSheet(NOT_XLSX);
      }
      return new Parts(
          sheetEntry,
          strings == null ? null : zip.getEntry(strings),
          styles == null ? null : zip.getEntry(styles));
    }

    private static String firstSheetRelation(ZipFile zip, ZipArchiveEntry workbook, Limits limits)
        throws IOException, SAXException {
      String[] first = new String[1];
      parse(
          capped(zip, workbook, limits.partBytes),
          new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String name, Attributes a) {
              if (first[0] == null && "sheet".equals(local(name))) {
                for (int i = 0; i < a.getLength(); i++) {
                  if ("id".equals(local(a.getQName(i)))) {
                    first[0] = a.getValue(i);
                  }
                }
              }
            }
          });
      return first[0];
    }

    private static List<String[]> relations(ZipFile zip, ZipArchiveEntry rels, Limits limits)
        throws IOException, SAXException {
      List<String[]> result = new ArrayList<>();
      parse(
          capped(zip, rels, limits.partBytes),
          new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String name, Attributes a) {
              if ("Relationship".equals(local(name)) && result.size() < 1_000) {
                String id = a.getValue("Id");
                String type = a.getValue("Type");
                String target = a.getValue("Target");
                if (id != null && type != null && target != null) {
                  result.add(new String[] {id, type, target});
                }
              }
            }
          });
      return result;
    }

    private static void parse(InputStream in, DefaultHandler handler)
        throws IOException, SAXException {
      try {
        XMLReader reader = XMLHelper.newXMLReader();
        reader.setContentHandler(handler);
        reader.parse(new InputSource(in));
      } catch (ParserConfigurationException e) {
        throw new SAXException(e);
      }
    }

    private static String local(String qname) {
      int colon = qname.indexOf(':');
      return colon < 0 ? qname : qname.substring(colon + 1);
    }
  }

  /** Gathers the rows the handler reports, refusing a sheet past the limits as it goes. */
  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Limits limits;
    private final List<Row> rows = new ArrayList<>();
    private List<String> cells;
    private int number;
    private long chars;

    Collector(Limits limits) {
      this.limits = limits;
    }

    @Override
    public void startRow(int rowNum) {
      if (rowNum >= limits.rows + 1) {
        throw new BadSheet("表格超过 " + limits.rows + " 行，请拆分后分批导入");
      }
      number = rowNum + 1;
      cells = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
      if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
        rows.add(
            new Row(number, List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList())));
      }
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      if (column >= limits.columns) {
        throw new BadSheet("第" + number + "行超过 " + limits.columns + " 列");
      }
      String text = value == null ? "" : value;
      if (text.length() > limits.cellChars) {
        throw new BadSheet("第" + number + "行有单元格超过 " + limits.cellChars + " 个字符");
      }
      chars += text.length();
      if (chars > limits.totalChars) {
        throw new BadSheet("表格内容超过 " + limits.totalChars + " 个字符");
      }
      while (cells.size() <= column) {
        cells.add(null);
      }
      cells.set(column, text);
    }
  }

  /** Formats date cells as ISO dates ({@code 2024-12-31}) and everything else as Excel shows it. */
  private static final class IsoDates extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value).toLocalDate().toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString);
    }
  }

  /**
   * An entry's inflated bytes, refused past {@code max}: a zip's stated sizes cannot be trusted.
   */
  private static final class CappedStream extends FilterInputStream {
    private final long max;
    private long read;

    CappedStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw new BadSheet("表格解压后超过 " + (max >> 20) + " MB，请删去空行空列或拆分后再导入");
      }
    }
  }
}
