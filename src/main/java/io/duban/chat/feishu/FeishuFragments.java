package io.duban.chat.feishu;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a Feishu event split over several data frames back together ({@code sum} parts numbered by
 * {@code seq} from 0, sharing a {@code message_id}), as the SDK's {@code combine} does. One per
 * connection, touched only by its ordered frame handler; a message whose parts never all arrive is
 * dropped with its connection (Feishu pushes it again, unanswered), and at most 64 are kept open.
 */
final class FeishuFragments {

  private static final int MAX_OPEN = 64;

  private final Map<String, byte[][]> open = new LinkedHashMap<>();

  /** The whole payload once every part of the frame's message is here, else null. */
  byte[] add(FeishuFrame frame) {
    int sum = number(frame.header("sum"), 1);
    byte[] payload = frame.payload() == null ? new byte[0] : frame.payload();
    if (sum <= 1) {
      return payload;
    }
    int seq = number(frame.header("seq"), 0);
    String id = frame.header("message_id");
    if (seq < 0 || seq >= sum || id == null) {
      return null;
    }
    byte[][] parts = open.computeIfAbsent(id, key -> new byte[sum][]);
    if (parts.length != sum) {
      return null;
    }
    parts[seq] = payload;
    for (byte[] part : parts) {
      if (part == null) {
        if (open.size() > MAX_OPEN) {
          open.remove(open.keySet().iterator().next());
        }
        return null;
      }
    }
    open.remove(id);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      whole.writeBytes(part);
    }
    return whole.toByteArray();
  }

  private static int number(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
