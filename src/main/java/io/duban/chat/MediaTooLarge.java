package io.duban.chat;

/** A platform's media answer is longer than the caller accepts; reading stopped at the cap. */
public final class MediaTooLarge extends RuntimeException {

  public MediaTooLarge(int maxBytes) {
    super("media larger than " + maxBytes + " bytes");
  }
}
