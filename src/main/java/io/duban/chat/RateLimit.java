package io.duban.chat;

/**
 * A platform's rate limit for one bucket: allowed sends per sliding minute and per sliding second;
 * 0 means unlimited.
 */
public record RateLimit(int perMinute, int perSecond) {

  public static final RateLimit NONE = new RateLimit(0, 0);

  public boolean unlimited() {
    return perMinute == 0 && perSecond == 0;
  }
}
