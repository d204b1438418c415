package io.duban.system;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The project's one retry spacing: exponential backoff with jitter between attempts. Failed outbox
 * sends and failed inbound hand-overs both wait by it.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  /**
   * @param initial the wait after the first failed attempt
   * @param max the longest wait
   * @param random the source of the jitter
   */
  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based): initial × 2^(attempt-1),
   * capped, then scaled by a random factor in [0.75, 1.25) so retries of many messages spread out.
   */
  public Duration after(int attempt) {
    long base = initial.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, max.toMillis());
    double factor = 0.75 + random.nextDouble() * 0.5;
    return Duration.ofMillis((long) (capped * factor));
  }
}
