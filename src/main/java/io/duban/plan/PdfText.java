package io.duban.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF, page after page, without the page numbers printed at the foot or head of a
 * page ({@code - 3 -}, {@code 第3页 共9页}). Lines stay as the PDF wraps them; the outline reader joins
 * them back into paragraphs.
 */
final class PdfText {

  private static final Pattern PAGE_NUMBER =
      Pattern.compile(
          "^[-—–－\\s]*(第\\s*)?\\d{1,3}(\\s*页)?(\\s*[/／]\\s*共?\\s*\\d{1,3}\\s*页?)?[-—–－\\s]*$|"
              + "^第\\s*\\d{1,3}\\s*页\\s*[,，]?\\s*共\\s*\\d{1,3}\\s*页$");

  private PdfText() {}

  static String of(byte[] bytes) {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      if (document.isEncrypted()) {
        throw PlanImportException.at(1, "这个 PDF 有密码保护，应去掉保护后再导入");
      }
      PDFTextStripper stripper = new PDFTextStripper();
      List<String> lines = new ArrayList<>();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        lines.addAll(withoutPageNumber(stripper.getText(document)));
      }
      String text = String.join("\n", lines);
      if (text.isBlank()) {
        throw PlanImportException.at(1, "这个 PDF 里没有文字（可能是扫描件），应上传带文字的 PDF 或 Word 文档");
      }
      return text;
    } catch (IOException e) {
      throw PlanImportException.at(1, "无法读取这个 PDF：文件可能已损坏，应另存后再导入");
    }
  }

  private static List<String> withoutPageNumber(String page) {
    List<String> lines = new ArrayList<>(List.of(page.split("\\r?\\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (!lines.isEmpty() && PAGE_NUMBER.matcher(lines.get(lines.size() - 1).strip()).matches()) {
      lines.remove(lines.size() - 1);
    }
    if (!lines.isEmpty() && PAGE_NUMBER.matcher(lines.get(0).strip()).matches()) {
      lines.remove(0);
    }
    return lines;
  }
}
