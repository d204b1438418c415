package io.duban.plan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Tells a Word .docx from an Excel .xlsx (both are ZIP packages) and reads its text. */
final class OfficeText {

  private OfficeText() {}

  static String of(byte[] bytes) {
    String kind = kind(bytes);
    if ("docx".equals(kind)) {
      return DocxText.of(bytes);
    }
    if ("xlsx".equals(kind)) {
      return XlsxText.of(bytes);
    }
    throw PlanImportException.at(1, "这个压缩文件不是 Word（.docx）或 Excel（.xlsx）文档，应上传计划文档本身");
  }

  private static String kind(byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      int seen = 0;
      while ((entry = zip.getNextEntry()) != null && seen++ < 1000) {
        if (entry.getName().startsWith("word/")) {
          return "docx";
        }
        if (entry.getName().startsWith("xl/")) {
          return "xlsx";
        }
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
