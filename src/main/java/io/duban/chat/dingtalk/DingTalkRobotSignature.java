package io.duban.chat.dingtalk;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The DingTalk robot signature, both ways: Base64 of HmacSHA256 keyed with the secret over {@code
 * timestamp + "\n" + secret}, timestamp in milliseconds. Robot HTTP-mode callbacks carry it in
 * their {@code sign} header (secret = AppSecret); custom robot webhooks take it URL-encoded in
 * their query (secret = the robot's SEC... signing secret).
 */
final class DingTalkRobotSignature {

  private DingTalkRobotSignature() {}

  static String sign(String secret, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String sign(String secret, long timestampMillis) {
    return sign(secret, Long.toString(timestampMillis));
  }

  /** The sign as it goes into a webhook's query string. */
  static String urlEncoded(String secret, long timestampMillis) {
    return URLEncoder.encode(sign(secret, timestampMillis), StandardCharsets.UTF_8);
  }

  /** Refuses with 401 unless {@code sign} matches, compared in constant time. */
  static void verify(String appSecret, String timestamp, String sign) {
    if (timestamp == null || sign == null) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "missing timestamp or sign header");
    }
    byte[] expected = sign(appSecret, timestamp).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, sign.trim().getBytes(StandardCharsets.UTF_8))) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "signature does not match");
    }
  }
}
