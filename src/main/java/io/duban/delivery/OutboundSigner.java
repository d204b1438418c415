package io.duban.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC signatures outbound webhooks carry, each exactly as its platform documents it. */
final class OutboundSigner {

  private OutboundSigner() {}

  /**
   * DingTalk custom robot: Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), not
   * yet URL-encoded; timestamp in milliseconds.
   */
  static String dingTalk(String secret, long timestampMillis) {
    return Base64.getEncoder()
        .encodeToString(hmac(utf8(secret), utf8(timestampMillis + "\n" + secret)));
  }

  /** The DingTalk sign as it goes into the query string. */
  static String dingTalkUrlEncoded(String secret, long timestampMillis) {
    return URLEncoder.encode(dingTalk(secret, timestampMillis), StandardCharsets.UTF_8);
  }

  /**
   * Feishu custom bot: Base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty)); timestamp
   * in seconds. The key and data are the other way round than DingTalk's.
   */
  static String feishu(String secret, long timestampSeconds) {
    return Base64.getEncoder()
        .encodeToString(hmac(utf8(timestampSeconds + "\n" + secret), new byte[0]));
  }

  /** Generic bot: lowercase hex HmacSHA256(secret, timestamp + "\n" + body), like inbound. */
  static String generic(String secret, String timestamp, String body) {
    return HexFormat.of().formatHex(hmac(utf8(secret), utf8(timestamp + "\n" + body)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
