package io.duban.bulletin;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Table rows streamed into a .docx as WordprocessingML instead of built as an XWPF DOM (10,000 rows
 * × 8 cells of tcPr, pPr and rPr held half a gigabyte): XWPF writes the document with one prototype
 * row per kind of row, each cell's text a {@link #slot}; the package is then copied entry by entry,
 * and in {@code word/document.xml} the prototypes give way to the rows a {@link Source} writes,
 * each a copy of its prototype's XML with the cells' text escaped into the slots. The rows so look
 * exactly as the prototype XWPF wrote, and never exist as objects.
 */
final class DocxRows {

  private static final String DOCUMENT = "word/document.xml";

  /** Makes the slots unique: no text a person typed elsewhere in the document can be one. */
  private final String nonce = UUID.randomUUID().toString();

  /** What writes the rows, in order, each after one of the prototypes. */
  interface Source {
    void write(Rows rows) throws IOException;
  }

  /** Where a {@link Source} writes. */
  interface Rows {
    /** A row like prototype {@code prototype}, its cells' text in order (null as empty). */
    void row(int prototype, String... cells) throws IOException;
  }

  /**
   * The text to give cell {@code cell} of prototype row {@code prototype}. The prototypes must be
   * adjacent rows of one table, numbered from 0 in document order, their cells from 0.
   */
  String slot(int prototype, int cell) {
    return "⟦" + nonce + ":" + prototype + ":" + cell + "⟧";
  }

  /** {@code skeleton} (the .docx XWPF wrote) with its prototype rows replaced by {@code rows}. */
  byte[] write(byte[] skeleton, Source rows) {
    ByteArrayOutputStream file = new ByteArrayOutputStream(skeleton.length * 4);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(skeleton));
        ZipOutputStream out = new ZipOutputStream(file)) {
      // 30 MB of repetitive XML for 10,000 rows: the default level took 0.5-1.1 s of deflating, the
      // fastest 0.2 s for a file a fifth larger (430 KB instead of 350 KB)
      out.setLevel(Deflater.BEST_SPEED);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals(DOCUMENT)) {
          splice(new String(in.readAllBytes(), StandardCharsets.UTF_8), out, rows);
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toByteArray();
  }

  private void splice(String xml, OutputStream entry, Source source) throws IOException {
    List<byte[][]> prototypes = new ArrayList<>();
    int first = -1;
    int last = -1;
    for (int p = 0; xml.contains(slot(p, 0)); p++) {
      int at = xml.indexOf(slot(p, 0));
      int start = Math.max(xml.lastIndexOf("<w:tr>", at), xml.lastIndexOf("<w:tr ", at));
      int cells = 0;
      while (xml.contains(slot(p, cells))) {
        cells++;
      }
      int end = xml.indexOf("</w:tr>", xml.indexOf(slot(p, cells - 1))) + "</w:tr>".length();
      if (start < 0 || end < start || (last >= 0 && start != last)) {
        throw new IllegalStateException("prototype row " + p + " is not a row after the last");
      }
      first = first < 0 ? start : first;
      last = end;
      prototypes.add(fragments(xml.substring(start, end), p, cells));
    }
    if (prototypes.isEmpty()) {
      throw new IllegalStateException("the document has no prototype row");
    }
    // not closed: closing would close the zip
    OutputStream out = new BufferedOutputStream(entry, 1 << 16);
    out.write(xml.substring(0, first).getBytes(StandardCharsets.UTF_8));
    StringBuilder text = new StringBuilder();
    source.write(
        (prototype, cells) -> {
          byte[][] parts = prototypes.get(prototype);
          for (int i = 0; i < parts.length - 1; i++) {
            out.write(parts[i]);
            text.setLength(0);
            if (i < cells.length && cells[i] != null) {
              XmlText.append(text, cells[i]);
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
          }
          out.write(parts[parts.length - 1]);
        });
    out.write(xml.substring(last).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A prototype's XML cut at its slots: one more part than it has cells. */
  private byte[][] fragments(String row, int prototype, int cells) {
    byte[][] parts = new byte[cells + 1][];
    int from = 0;
    for (int c = 0; c < cells; c++) {
      int at = row.indexOf(slot(prototype, c), from);
      parts[c] = row.substring(from, at).getBytes(StandardCharsets.UTF_8);
      from = at + slot(prototype, c).length();
    }
    parts[cells] = row.substring(from).getBytes(StandardCharsets.UTF_8);
    return parts;
  }
}
