package io.duban.chat;

import java.time.Duration;
import java.time.Instant;

/** The freshness rule shared by all callbacks: a timestamp within the bot's allowed skew. */
public final class ClockSkew {

  private ClockSkew() {}

  /**
   * Refuses {@code sentAt} when it differs from {@code now} by more than {@code max}; a zero or
   * negative {@code max} turns the check off.
   */
  public static void check(Instant now, Instant sentAt, Duration max) {
    if (max == null || max.isZero() || max.isNegative()) {
      return;
    }
    Duration difference = Duration.between(sentAt, now).abs();
    if (difference.compareTo(max) > 0) {
      throw new CallbackRejected(
          CallbackRejected.Reason.STALE_TIMESTAMP, "timestamp outside the allowed clock skew");
    }
  }

  /** Parses a decimal epoch timestamp in seconds, refusing anything else as malformed. */
  public static Instant epochSeconds(String value) {
    return Instant.ofEpochSecond(number(value));
  }

  /** Parses a decimal epoch timestamp in milliseconds, refusing anything else as malformed. */
  public static Instant epochMillis(String value) {
    return Instant.ofEpochMilli(number(value));
  }

  private static long number(String value) {
    if (value == null || value.isBlank() || value.length() > 19) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "missing or bad timestamp");
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "missing or bad timestamp");
    }
  }
}
