package io.duban.chat.feishu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code pbbp2.Frame} of Feishu's long connection, with its small protobuf codec written out
 * here rather than generated: nine fields of varints and byte strings do not justify protobuf-java
 * and a code generator in the build. The field numbers and the byte layout are those of the
 * official Go SDK ({@code larksuite/oapi-sdk-go}, {@code ws/pbbp2.pb.go}: SeqID 1, LogID 2, service
 * 3, method 4, headers 5 (key 1, value 2), payload_encoding 6, payload_type 7, payload 8, LogIDNew
 * 9; its marshaller writes every field but an absent payload, and so does {@link #encode}).
 *
 * @param method 0 control (ping, pong), 1 data (event, card)
 * @param headers the frame's headers in order ({@code type}, {@code message_id}, {@code sum},
 *     {@code seq}, {@code trace_id}, ...)
 * @param payload the payload bytes, or null
 */
record FeishuFrame(
    long seqId,
    long logId,
    int service,
    int method,
    List<Header> headers,
    String payloadEncoding,
    String payloadType,
    byte[] payload,
    String logIdNew) {

  static final int CONTROL = 0;
  static final int DATA = 1;

  /** One header of a frame. */
  record Header(String key, String value) {}

  FeishuFrame {
    headers = List.copyOf(headers);
    payloadEncoding = payloadEncoding == null ? "" : payloadEncoding;
    payloadType = payloadType == null ? "" : payloadType;
    logIdNew = logIdNew == null ? "" : logIdNew;
  }

  /** The SDK's {@code NewPingFrame(serviceID)}. */
  static FeishuFrame ping(int service) {
    return new FeishuFrame(
        0, 0, service, CONTROL, List.of(new Header("type", "ping")), "", "", null, "");
  }

  /** The value of header {@code key}, or null. */
  String header(String key) {
    for (Header header : headers) {
      if (header.key().equals(key)) {
        return header.value();
      }
    }
    return null;
  }

  /** This frame with another payload and one more header, as the SDK answers a data frame. */
  FeishuFrame answer(byte[] answer, String key, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(key, value));
    return new FeishuFrame(
        seqId, logId, service, method, more, payloadEncoding, payloadType, answer, logIdNew);
  }

  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varintField(out, 1, seqId);
    varintField(out, 2, logId);
    varintField(out, 3, service);
    varintField(out, 4, method);
    for (Header header : headers) {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      bytesField(h, 1, utf8(header.key()));
      bytesField(h, 2, utf8(header.value()));
      bytesField(out, 5, h.toByteArray());
    }
    bytesField(out, 6, utf8(payloadEncoding));
    bytesField(out, 7, utf8(payloadType));
    if (payload != null) {
      bytesField(out, 8, payload);
    }
    bytesField(out, 9, utf8(logIdNew));
    return out.toByteArray();
  }

  /** Reads a frame; unknown fields are skipped, a truncated frame is refused. */
  static FeishuFrame decode(byte[] bytes) {
    Reader in = new Reader(bytes, 0, bytes.length);
    long seqId = 0;
    long logId = 0;
    int service = 0;
    int method = 0;
    List<Header> headers = new ArrayList<>();
    String encoding = "";
    String type = "";
    byte[] payload = null;
    String logIdNew = "";
    while (in.more()) {
      long tag = in.varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire == 0) {
        long value = in.varint();
        switch (field) {
          case 1 -> seqId = value;
          case 2 -> logId = value;
          case 3 -> service = (int) value;
          case 4 -> method = (int) value;
          default -> {}
        }
      } else if (wire == 2) {
        byte[] value = in.bytes();
        switch (field) {
          case 5 -> headers.add(header(value));
          case 6 -> encoding = new String(value, StandardCharsets.UTF_8);
          case 7 -> type = new String(value, StandardCharsets.UTF_8);
          case 8 -> payload = value;
          case 9 -> logIdNew = new String(value, StandardCharsets.UTF_8);
          default -> {}
        }
      } else {
        throw new IllegalArgumentException("unsupported protobuf wire type " + wire);
      }
    }
    return new FeishuFrame(
        seqId, logId, service, method, headers, encoding, type, payload, logIdNew);
  }

  private static Header header(byte[] bytes) {
    Reader in = new Reader(bytes, 0, bytes.length);
    String key = "";
    String value = "";
    while (in.more()) {
      long tag = in.varint();
      if ((tag & 7) != 2) {
        throw new IllegalArgumentException("malformed frame header");
      }
      String text = new String(in.bytes(), StandardCharsets.UTF_8);
      if (tag >>> 3 == 1) {
        key = text;
      } else if (tag >>> 3 == 2) {
        value = text;
      }
    }
    return new Header(key, value);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void varintField(ByteArrayOutputStream out, int field, long value) {
    varint(out, (long) field << 3);
    varint(out, value);
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
    varint(out, ((long) field << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** A cursor over protobuf bytes. */
  private static final class Reader {
    private final byte[] bytes;
    private int at;
    private final int end;

    Reader(byte[] bytes, int at, int end) {
      this.bytes = bytes;
      this.at = at;
      this.end = end;
    }

    boolean more() {
      return at < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= end) {
          throw new IllegalArgumentException("truncated frame");
        }
        byte b = bytes[at++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }

    byte[] bytes() {
      long length = varint();
      if (length < 0 || length > end - at) {
        throw new IllegalArgumentException("truncated frame");
      }
      byte[] value = java.util.Arrays.copyOfRange(bytes, at, at + (int) length);
      at += (int) length;
      return value;
    }
  }
}
