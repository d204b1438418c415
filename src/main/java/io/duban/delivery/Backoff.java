package io.duban.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter between send attempts. */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based): initial × 2^(attempt-1),
   * capped, then scaled by a random factor in [0.75, 1.25) so retries of many messages spread out.
   */
  Duration after(int attempt) {
    long base = initial.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, max.toMillis());
    double factor = 0.75 + random.nextDouble() * 0.5;
    return Duration.ofMillis((long) (capped * factor));
  }
}
