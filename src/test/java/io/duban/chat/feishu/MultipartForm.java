package io.duban.chat.feishu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a recorded multipart/form-data body into its parts, byte for byte, as a platform would. */
final class MultipartForm {

  /** One part: its headers (names lower-cased) and exact content. */
  record Part(Map<String, String> headers, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

  private MultipartForm() {}

  /** The parts by form field name, in order. */
  static Map<String, Part> parse(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!contentType.startsWith("multipart/form-data") || !m.find()) {
      throw new AssertionError("not multipart/form-data: " + contentType);
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new AssertionError("multipart body without a closing delimiter");
      }
      byte[] raw = Arrays.copyOfRange(body, start, next - 2); // CRLF before the delimiter
      int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : new String(raw, 0, split, StandardCharsets.UTF_8).split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
      }
      Matcher name = NAME.matcher(headers.getOrDefault("content-disposition", ""));
      if (!name.find()) {
        throw new AssertionError("a part without a name: " + headers);
      }
      parts.put(name.group(1), new Part(headers, Arrays.copyOfRange(raw, split + 4, raw.length)));
      at = next;
    }
    return parts;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
