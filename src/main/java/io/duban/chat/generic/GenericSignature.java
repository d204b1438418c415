package io.duban.chat.generic;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Duban-Signature} of the generic webhook: lower-case hex HmacSHA256 keyed with the
 * bot's secret over the timestamp header, a newline, and the raw body bytes.
 */
public final class GenericSignature {

  private GenericSignature() {}

  /** Computes the signature a sender must put in {@code X-Duban-Signature}. */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Refuses with 401 unless {@code signature} matches, compared in constant time. */
  static void verify(String secret, String timestamp, byte[] body, String signature) {
    if (timestamp == null || signature == null) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "missing X-Duban signature headers");
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "signature does not match");
    }
  }
}
