package io.duban.plan;

import io.duban.system.DomainException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * The text of an uploaded plan document, whatever form it came in: plain text (UTF-8, UTF-16 with a
 * byte order mark, or GB18030 as Chinese Windows saves it), Word .docx, Excel .xlsx or PDF, told
 * apart by their first bytes rather than by the name or content type a browser gives them.
 */
final class DocumentText {

  /** The largest document accepted. */
  static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Charset GB18030 = Charset.forName("GB18030");

  private DocumentText() {}

  static String of(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    if (bytes.length == 0) {
      throw PlanImportException.at(1, "文档是空的，应有计划的标题和正文");
    }
    if (startsWith(bytes, '%', 'P', 'D', 'F')) {
      return PdfText.of(bytes);
    }
    if (startsWith(bytes, 'P', 'K', 3, 4)) {
      return OfficeText.of(bytes);
    }
    if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw PlanImportException.at(1, "这是旧版 Word/Excel 文件（.doc/.xls），应另存为 .docx 或 .xlsx 后再导入");
    }
    return plain(bytes);
  }

  /** The refusal of a document over {@link #MAX_BYTES}. */
  static DomainException tooLarge() {
    return new DomainException(
        HttpStatus.CONTENT_TOO_LARGE, "DOCUMENT_TOO_LARGE", "文件超过 10 MB，应只上传计划文档本身");
  }

  private static String plain(byte[] bytes) {
    String text;
    if (startsWith(bytes, 0xFF, 0xFE)) {
      text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    } else if (startsWith(bytes, 0xFE, 0xFF)) {
      text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    } else {
      text = decode(bytes, StandardCharsets.UTF_8);
      if (text == null) {
        text = decode(bytes, GB18030);
      }
    }
    if (text == null || !readable(text)) {
      throw PlanImportException.at(1, "无法识别的文件内容：应为文本、Word（.docx）、Excel（.xlsx）或 PDF 文档");
    }
    return text;
  }

  private static String decode(byte[] bytes, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Text has no NUL and hardly any control characters; a binary file decoded by chance has many.
   */
  private static boolean readable(String text) {
    long control =
        text.chars()
            .filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            .count();
    return text.indexOf('\0') < 0 && control * 100 <= text.length();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
