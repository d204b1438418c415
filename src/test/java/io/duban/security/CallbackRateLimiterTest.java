package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallbackRateLimiterTest {

  private final CallbackRateLimiter limiter =
      new CallbackRateLimiter(
          new CallbackRateLimitProperties(true, 60, 2, 2),
          new SimpleMeterRegistry(),
          java.time.Clock.systemUTC());

  @Test
  void refillsAtTheSustainedRateUpToTheBurst() {
    long t0 = 1_000_000_000L;
    assertThat(limiter.take("a", t0)).isTrue();
    assertThat(limiter.take("a", t0)).isTrue();
    assertThat(limiter.take("a", t0)).isFalse();
    assertThat(limiter.take("a", t0 + TimeUnit.MILLISECONDS.toNanos(999))).isFalse();
    assertThat(limiter.take("a", t0 + TimeUnit.MILLISECONDS.toNanos(1001))).isTrue();
    assertThat(limiter.take("a", t0 + TimeUnit.SECONDS.toNanos(60))).isTrue();
    assertThat(limiter.take("a", t0 + TimeUnit.SECONDS.toNanos(60))).isTrue();
    assertThat(limiter.take("a", t0 + TimeUnit.SECONDS.toNanos(60))).isFalse();
  }

  @Test
  void keepsSourcesApart() {
    long t0 = 5L;
    limiter.take("a", t0);
    limiter.take("a", t0);
    assertThat(limiter.take("a", t0)).isFalse();
    assertThat(limiter.take("b", t0)).isTrue();
  }
}
