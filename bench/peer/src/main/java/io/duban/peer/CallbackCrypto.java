package io.duban.peer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * WeCom's callback encryption: SHA-1 over the sorted token, timestamp, nonce and ciphertext;
 * AES-256-CBC, key from the EncodingAESKey, IV its first 16 bytes, PKCS#7 to 32-byte blocks; the
 * plaintext is 16 random bytes, a 4-byte length, the message and the receive id (empty for robots).
 */
final class CallbackCrypto {

  private final String token;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;

  CallbackCrypto(String token, String encodingAesKey) {
    if (encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("the EncodingAESKey has 43 characters");
    }
    byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
    this.token = token;
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(raw, 0, 16);
  }

  /** Answers 401 unless the signature is the SHA-1 of the four values. */
  void verify(String signature, String timestamp, String nonce, String encrypted) {
    String[] parts = {token, timestamp, nonce, encrypted};
    Arrays.sort(parts);
    byte[] expected;
    try {
      expected =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1")
                      .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)))
              .getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "bad signature");
    }
  }

  /** The message inside a Base64 ciphertext; 400 when it is not one of ours. */
  String decrypt(String encrypted) {
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      byte[] cipherText = Base64.getDecoder().decode(encrypted);
      if (cipherText.length == 0 || cipherText.length % 32 != 0) {
        throw bad("ciphertext is not whole blocks");
      }
      plain = cipher.doFinal(cipherText);
    } catch (IllegalArgumentException e) {
      throw bad("ciphertext is not Base64");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > 32) {
      throw bad("bad padding");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw bad("bad padding");
      }
    }
    int end = plain.length - pad;
    if (end < 20) {
      throw bad("plaintext too short");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    // a group robot's receive id is empty: the message runs to the padding
    if (length != end - 20) {
      throw bad("wrong message length or receive id");
    }
    return new String(plain, 20, length, StandardCharsets.UTF_8);
  }

  private static ResponseStatusException bad(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
