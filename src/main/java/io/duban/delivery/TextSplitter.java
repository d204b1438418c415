package io.duban.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Cuts a long text into parts within a byte limit, on line boundaries where it can. */
final class TextSplitter {

  private TextSplitter() {}

  static List<String> split(String text, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    if (bytes(text) <= maxBytes) {
      return List.of(text);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean started = false;
    int currentBytes = 0;
    for (String line : text.split("\n", -1)) {
      int lineBytes = bytes(line);
      int joined = started ? currentBytes + 1 + lineBytes : lineBytes;
      if (joined <= maxBytes) {
        if (started) {
          current.append('\n');
        }
        current.append(line);
        currentBytes = joined;
        started = true;
        continue;
      }
      flush(parts, current);
      String rest = line;
      if (lineBytes > maxBytes) {
        List<String> pieces = hardSplit(line, maxBytes);
        parts.addAll(pieces.subList(0, pieces.size() - 1));
        rest = pieces.get(pieces.size() - 1);
      }
      current.append(rest);
      currentBytes = bytes(rest);
      started = true;
    }
    flush(parts, current);
    return parts;
  }

  private static void flush(List<String> parts, StringBuilder current) {
    if (!current.toString().isBlank()) {
      parts.add(current.toString());
    }
    current.setLength(0);
  }

  /** A single line longer than the limit is cut between code points. */
  private static List<String> hardSplit(String line, int maxBytes) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    int pieceBytes = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int cpBytes = bytes(new String(Character.toChars(cp)));
      if (pieceBytes + cpBytes > maxBytes) {
        pieces.add(piece.toString());
        piece.setLength(0);
        pieceBytes = 0;
      }
      piece.appendCodePoint(cp);
      pieceBytes += cpBytes;
      i += Character.charCount(cp);
    }
    pieces.add(piece.toString());
    return pieces;
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
