package io.duban.chat.dingtalk;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code sign} header of DingTalk robot HTTP-mode callbacks: Base64 of HmacSHA256 keyed with
 * the AppSecret over {@code timestamp + "\n" + AppSecret}.
 */
final class DingTalkRobotSignature {

  private DingTalkRobotSignature() {}

  static String sign(String appSecret, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
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
