package io.duban.chat.feishu;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu cryptography, both ways. Inbound, for one Encrypt Key: AES-256-CBC with key = SHA-256 of
 * the Encrypt Key and the IV carried as the first 16 bytes of the ciphertext, PKCS#7 padding to
 * 16-byte blocks; and the {@code X-Lark-Signature}, hex SHA-256 over timestamp + nonce + Encrypt
 * Key + the raw body bytes. Outbound, the custom bot's webhook {@code sign}.
 */
final class FeishuCrypto {

  private static final int BLOCK = 16;

  private final byte[] encryptKey;
  private final SecretKeySpec key;

  FeishuCrypto(String encryptKey) {
    if (encryptKey == null || encryptKey.isEmpty()) {
      throw new IllegalArgumentException("encrypt key is required");
    }
    this.encryptKey = encryptKey.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(sha256(this.encryptKey), "AES");
  }

  /**
   * The custom bot webhook's {@code sign}: Base64(HmacSHA256(key = timestamp + "\n" + secret, data
   * = empty)), timestamp in seconds. Key and data are the other way round than DingTalk's.
   */
  static String customBotSign(String secret, long timestampSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = (timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Lower-case hex SHA-256 over timestamp + nonce + Encrypt Key, then the raw body. */
  String signature(String timestamp, String nonce, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(timestamp.getBytes(StandardCharsets.UTF_8));
      digest.update(nonce.getBytes(StandardCharsets.UTF_8));
      digest.update(encryptKey);
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Refuses with 401 unless {@code signature} matches, compared in constant time. */
  void verify(String signature, String timestamp, String nonce, byte[] body) {
    if (signature == null || timestamp == null || nonce == null) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "missing X-Lark signature headers");
    }
    byte[] expected = signature(timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "signature does not match");
    }
  }

  /** Decrypts the {@code encrypt} field; 400 for bad Base64, length or padding. */
  String decrypt(String encrypted) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encrypted.trim());
    } catch (IllegalArgumentException e) {
      throw new CallbackRejected(Reason.MALFORMED, "ciphertext is not Base64");
    }
    if (raw.length < 2 * BLOCK || raw.length % BLOCK != 0) {
      throw new CallbackRejected(Reason.BAD_PADDING, "ciphertext length is not a whole block");
    }
    byte[] plain =
        aes(
            Cipher.DECRYPT_MODE,
            Arrays.copyOf(raw, BLOCK),
            Arrays.copyOfRange(raw, BLOCK, raw.length));
    return new String(unpad(plain), StandardCharsets.UTF_8);
  }

  /** Encrypts as Feishu does, with the given 16-byte IV (tests and simulators). */
  String encrypt(String plaintext, byte[] iv) {
    byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
    int count = BLOCK - data.length % BLOCK;
    byte[] padded = Arrays.copyOf(data, data.length + count);
    Arrays.fill(padded, data.length, padded.length, (byte) count);
    byte[] cipherText = aes(Cipher.ENCRYPT_MODE, iv, padded);
    byte[] out = Arrays.copyOf(iv, BLOCK + cipherText.length);
    System.arraycopy(cipherText, 0, out, BLOCK, cipherText.length);
    return Base64.getEncoder().encodeToString(out);
  }

  private static byte[] unpad(byte[] data) {
    int count = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
    if (count < 1 || count > BLOCK) {
      throw new CallbackRejected(Reason.BAD_PADDING, "bad padding");
    }
    for (int i = data.length - count; i < data.length; i++) {
      if ((data[i] & 0xff) != count) {
        throw new CallbackRejected(Reason.BAD_PADDING, "bad padding");
      }
    }
    return Arrays.copyOf(data, data.length - count);
  }

  private byte[] aes(int mode, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(mode, key, new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
