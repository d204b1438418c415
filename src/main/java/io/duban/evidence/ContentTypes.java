package io.duban.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a file is, from its first bytes (never from the name or the platform's header): the pictures
 * and office documents evidence is made of. Anything else is refused.
 */
final class ContentTypes {

  /** A recognised type: its MIME type and the extension a download is named with. */
  record Detected(String mimeType, String extension, String label) {}

  private ContentTypes() {}

  static Optional<Detected> detect(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(new Detected("image/png", "png", "图片"));
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(new Detected("image/jpeg", "jpg", "图片"));
    }
    if (starts(b, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9')) {
      return Optional.of(new Detected("image/gif", "gif", "图片"));
    }
    if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && ascii(b, 8, 4).equals("WEBP")) {
      return Optional.of(new Detected("image/webp", "webp", "图片"));
    }
    if (starts(b, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(new Detected("application/pdf", "pdf", "文件"));
    }
    if (starts(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      // the OLE2 container of .doc (and .xls); served as Word, the common case of a 佐证
      return Optional.of(new Detected("application/msword", "doc", "文件"));
    }
    if (starts(b, 'P', 'K', 0x03, 0x04)) {
      // an OOXML package names its main part in the zip's file names near the start
      String head = new String(b, 0, Math.min(b.length, 64 * 1024), StandardCharsets.ISO_8859_1);
      if (head.contains("word/")) {
        return Optional.of(
            new Detected(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
                "文件"));
      }
      if (head.contains("xl/")) {
        return Optional.of(
            new Detected(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "文件"));
      }
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int from, int length) {
    return new String(b, from, length, StandardCharsets.ISO_8859_1);
  }
}
