package io.duban.chat;

import io.duban.chat.CallbackRejected.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted-callback scheme WeCom (WXBizMsgCrypt) and DingTalk's event push share: SHA-1
 * signature over the sorted token, timestamp, nonce and ciphertext; AES-256-CBC with the key from
 * the 43-character EncodingAESKey, IV = first 16 key bytes, PKCS#7 padding to 32-byte blocks;
 * plaintext = random(16) + length(4, big-endian) + message + receive id. Each platform's envelope
 * and answer stay in its own package.
 */
public final class CallbackCipher {

  static final int BLOCK = 32;
  private static final String RANDOM_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final String receiveId;

  /**
   * @param token the callback Token
   * @param encodingAesKey the 43-character EncodingAESKey
   * @param receiveId the id the plaintext must end with (CorpID, AppKey, or empty for robots)
   */
  public CallbackCipher(String token, String encodingAesKey, String receiveId) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token is required");
    }
    if (encodingAesKey == null || encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("the EncodingAESKey must have 43 characters");
    }
    byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
    this.token = token;
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
    this.receiveId = receiveId == null ? "" : receiveId;
  }

  /** Lower-case hex SHA-1 over the four strings sorted and concatenated. */
  public String signature(String timestamp, String nonce, String encrypted) {
    String[] parts = {token, timestamp, nonce, encrypted};
    Arrays.sort(parts);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (String part : parts) {
        sha1.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha1.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  /** Refuses with 401 unless {@code signature} matches, compared in constant time. */
  public void verify(String signature, String timestamp, String nonce, String encrypted) {
    if (signature == null || timestamp == null || nonce == null || encrypted == null) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "missing signature parameters");
    }
    byte[] expected = signature(timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "signature does not match");
    }
  }

  /**
   * Decrypts a Base64 ciphertext and checks its receive id.
   *
   * @throws CallbackRejected 400 for bad Base64, length or padding; 401 for a wrong receive id
   */
  public String decrypt(String encrypted) {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(encrypted.trim());
    } catch (IllegalArgumentException e) {
      throw new CallbackRejected(Reason.MALFORMED, "ciphertext is not Base64");
    }
    if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
      throw new CallbackRejected(Reason.BAD_PADDING, "ciphertext length is not a whole block");
    }
    byte[] plain = unpad(aes(Cipher.DECRYPT_MODE, cipherText));
    if (plain.length < 20) {
      throw new CallbackRejected(Reason.MALFORMED, "plaintext too short");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || length > plain.length - 20) {
      throw new CallbackRejected(Reason.MALFORMED, "message length out of range");
    }
    String message = new String(plain, 20, length, StandardCharsets.UTF_8);
    byte[] tail = Arrays.copyOfRange(plain, 20 + length, plain.length);
    if (!MessageDigest.isEqual(tail, receiveId.getBytes(StandardCharsets.UTF_8))) {
      throw new CallbackRejected(Reason.RECEIVE_ID_MISMATCH, "receive id does not match");
    }
    return message;
  }

  /** Encrypts with a fresh random prefix. */
  public String encrypt(String message) {
    StringBuilder random = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      random.append(RANDOM_ALPHABET.charAt(RANDOM.nextInt(RANDOM_ALPHABET.length())));
    }
    return encrypt(message, random.toString());
  }

  /** Encrypts with the given 16-character random prefix (deterministic, for known vectors). */
  String encrypt(String message, String random) {
    byte[] prefix = random.getBytes(StandardCharsets.UTF_8);
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer plain = ByteBuffer.allocate(prefix.length + 4 + body.length + id.length);
    plain.put(prefix).putInt(body.length).put(body).put(id);
    return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, pad(plain.array())));
  }

  /** PKCS#7 to 32-byte blocks: always adds 1..32 bytes, a whole block when already aligned. */
  static byte[] pad(byte[] data) {
    int count = BLOCK - data.length % BLOCK;
    byte[] padded = Arrays.copyOf(data, data.length + count);
    Arrays.fill(padded, data.length, padded.length, (byte) count);
    return padded;
  }

  /** Strips PKCS#7 padding of up to 32 bytes, refusing anything that is not exactly that. */
  static byte[] unpad(byte[] data) {
    if (data.length == 0) {
      throw new CallbackRejected(Reason.BAD_PADDING, "empty plaintext");
    }
    int count = data[data.length - 1] & 0xff;
    if (count < 1 || count > BLOCK || count > data.length) {
      throw new CallbackRejected(Reason.BAD_PADDING, "bad padding");
    }
    for (int i = data.length - count; i < data.length; i++) {
      if ((data[i] & 0xff) != count) {
        throw new CallbackRejected(Reason.BAD_PADDING, "bad padding");
      }
    }
    return Arrays.copyOf(data, data.length - count);
  }

  private byte[] aes(int mode, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(mode, key, iv);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }
}
