package io.duban.chat;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
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
    return DataBufferUtils.join(request.getBody(), MAX_BYTES)
        .map(CallbackBody::bytes)
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
        .defaultIfEmpty(new byte[0]);
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static CallbackRejected tooLarge() {
    return new CallbackRejected(
        CallbackRejected.Reason.TOO_LARGE, "body larger than " + MAX_BYTES + " bytes");
  }
}
