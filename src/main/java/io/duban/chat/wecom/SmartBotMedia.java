package io.duban.chat.wecom;

import io.duban.chat.SendFailure;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pictures and files a WeCom smart bot receives: their {@code url} (valid five minutes) serves
 * the bytes encrypted with AES-256-CBC, the key the Base64 {@code aeskey} given with each one on
 * the long connection (or the bot's EncodingAESKey for a callback), the IV its first 16 bytes, and
 * PKCS#7 padding to a multiple of 32 bytes, as WeCom's SDK ({@code decryptFile}) and the smart
 * bot's documentation have it: the cipher of the callbacks' {@code Encrypt}, without their framing.
 */
final class SmartBotMedia {

  private static final int PAD_BLOCK = 32;

  private SmartBotMedia() {}

  /** True when a media key is a smart bot's download URL rather than an app's media id. */
  static boolean isUrl(String key) {
    return key != null && (key.startsWith("https://") || key.startsWith("http://"));
  }

  /** The plain bytes of {@code encrypted} under {@code aesKey} (Base64, padding optional). */
  static byte[] decrypt(byte[] encrypted, String aesKey) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(aesKey.strip());
    } catch (IllegalArgumentException e) {
      throw SendFailure.permanent("the WeCom file key is not Base64");
    }
    if (key.length != 32) {
      throw SendFailure.permanent("the WeCom file key is not 32 bytes");
    }
    if (encrypted.length == 0 || encrypted.length % 16 != 0) {
      throw SendFailure.permanent("the WeCom file is not whole AES blocks");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOf(key, 16)));
      plain = cipher.doFinal(encrypted);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC is part of every JVM", e);
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
      throw SendFailure.permanent("the WeCom file did not decrypt (bad padding): wrong aeskey?");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw SendFailure.permanent("the WeCom file did not decrypt (bad padding): wrong aeskey?");
      }
    }
    return Arrays.copyOf(plain, plain.length - pad);
  }
}
