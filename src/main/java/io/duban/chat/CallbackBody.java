package io.duban.chat;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a callback's raw body bytes (signatures cover the exact bytes), refusing more than 64 KiB
 * while reading so an oversized body is never buffered whole.
 */
public final class CallbackBody {

  /** The largest body a platform callback may have. */
  public static final int MAX_BYTES = 64 * 1024;

  private CallbackBody() {}

  /** The body bytes, empty for no body; 413 when it exceeds {@link #MAX_BYTES}. */
  public static Mono<byte[]> read(ServerHttpRequest request) {
    if (request.getHeaders().getContentLength() > MAX_BYTES) {
      return Mono.error(tooLarge());
    }
    // counted and copied buffer by buffer, each released once here: DataBufferUtils.join with a
    // limit released the overflowing buffer twice under Reactor Netty (IllegalReferenceCount)
    return request
        .getBody()
        .reduceWith(ByteArrayOutputStream::new, CallbackBody::append)
        .map(ByteArrayOutputStream::toByteArray)
        .defaultIfEmpty(new byte[0]);
  }

  private static ByteArrayOutputStream append(ByteArrayOutputStream out, DataBuffer buffer) {
    try {
      int count = buffer.readableByteCount();
      if (out.size() + count > MAX_BYTES) {
        throw tooLarge();
      }
      byte[] bytes = new byte[count];
      buffer.read(bytes);
      out.write(bytes, 0, count);
      return out;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static CallbackRejected tooLarge() {
    return new CallbackRejected(
        CallbackRejected.Reason.TOO_LARGE, "body larger than " + MAX_BYTES + " bytes");
  }
}
