package io.duban.chat.wecom;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Files encrypted as WeCom serves a smart bot's pictures and files, for fakes and tests. */
public final class SmartBotFiles {

  private SmartBotFiles() {}

  /** AES-256-CBC under the Base64 {@code aesKey}, IV its first 16 bytes, PKCS#7 to 32 bytes. */
  public static byte[] encrypt(byte[] plain, String aesKey) {
    byte[] key = Base64.getDecoder().decode(aesKey);
    int pad = 32 - plain.length % 32;
    byte[] padded = Arrays.copyOf(plain, plain.length + pad);
    Arrays.fill(padded, plain.length, padded.length, (byte) pad);
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOf(key, 16)));
      return cipher.doFinal(padded);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
