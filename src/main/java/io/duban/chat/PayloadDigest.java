package io.duban.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A stand-in message id for payloads that carry none (bare events): a platform retry repeats the
 * payload byte for byte, so its digest dedupes it like a real id would.
 */
public final class PayloadDigest {

  private PayloadDigest() {}

  public static String of(String payload) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
