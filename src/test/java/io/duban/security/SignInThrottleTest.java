package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2024-06-03T01:00:00Z"));
  private final SignInThrottle throttle =
      new SignInThrottle(
          new SecurityProperties(
              null,
              null,
              null,
              null,
              new SecurityProperties.SignIn(
                  5, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1))),
          clock);

  @Test
  void refusesASourceAfterFiveFailuresForALockoutThatDoublesWithEachFurtherFailure() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.refusal("10.0.0.1", false)).isEmpty();
    }
    assertThat(throttle.refusal("10.0.0.1", true)).contains(Duration.ofMinutes(1));
    assertThat(throttle.refusal("10.0.0.2", true)).as("another source").isEmpty();

    clock.advance(Duration.ofSeconds(61));
    assertThat(throttle.refusal("10.0.0.1", false)).as("the sixth failure").isEmpty();
    assertThat(throttle.refusal("10.0.0.1", true)).contains(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    throttle.refusal("10.0.0.1", false);
    assertThat(throttle.refusal("10.0.0.1", true)).contains(Duration.ofMinutes(4));
    clock.advance(Duration.ofMinutes(5));
    throttle.refusal("10.0.0.1", false);
    clock.advance(Duration.ofMinutes(9));
    throttle.refusal("10.0.0.1", false);
    assertThat(throttle.refusal("10.0.0.1", true)).as("at most the longest").isPresent();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(throttle.refusal("10.0.0.1", true)).isEmpty();
  }

  @Test
  void aSourceQuietForAnHourStartsAfresh() {
    for (int i = 0; i < 4; i++) {
      throttle.refusal("10.0.0.3", false);
    }
    clock.advance(Duration.ofMinutes(61));
    throttle.refusal("10.0.0.3", false);
    assertThat(throttle.refusal("10.0.0.3", true)).isEmpty();
  }

  @Test
  void aBurstOfParallelGuessesIsCountedExactly() throws Exception {
    var pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Boolean>> guesses =
          IntStream.range(0, 200)
              .mapToObj(
                  i -> (Callable<Boolean>) () -> throttle.refusal("10.0.0.4", false).isEmpty())
              .toList();
      long tried = 0;
      for (Future<Boolean> admitted : pool.invokeAll(guesses)) {
        tried += admitted.get() ? 1 : 0;
      }
      assertThat(tried).isEqualTo(5);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void tellsHowLongToWaitInChinese() {
    assertThat(SignInThrottle.message(Duration.ofSeconds(59))).isEqualTo("登录失败次数过多，请 59 秒后再试。");
    assertThat(SignInThrottle.message(Duration.ofSeconds(61))).isEqualTo("登录失败次数过多，请 2 分钟后再试。");
    assertThat(SignInThrottle.retryAfter(Duration.ofMillis(1500))).isEqualTo("2");
  }
}
