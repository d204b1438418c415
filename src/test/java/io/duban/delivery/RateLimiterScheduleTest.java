package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When messages waiting for a full bucket can go: one freed permit each, oldest first. */
class RateLimiterScheduleTest {

  private static final Instant T0 = Instant.parse("2024-06-06T02:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void eachWaitingMessageTakesThePermitOfTheNextOldestSend() {
    List<Instant> granted = IntStream.range(0, 20).mapToObj(i -> T0.plusSeconds(3L * i)).toList();

    assertThat(RateLimiter.schedule(granted, 20, MINUTE, T0.plusSeconds(57), 3))
        .containsExactly(T0.plusSeconds(60), T0.plusSeconds(63), T0.plusSeconds(66));
  }

  @Test
  void freeSlotsGoAtOnceAndTheRestWaitForPermitsToLeave() {
    List<Instant> granted = List.of(T0, T0.plusSeconds(10));
    Instant now = T0.plusSeconds(20);

    assertThat(RateLimiter.schedule(granted, 3, MINUTE, now, 4))
        .containsExactly(now, T0.plusSeconds(60), T0.plusSeconds(70), T0.plusSeconds(120));
  }

  @Test
  void moreWaitingThanAWindowHoldsReuseEachPermitAWindowLater() {
    List<Instant> granted = List.of(T0, T0.plusSeconds(30));

    assertThat(RateLimiter.schedule(granted, 2, MINUTE, T0.plusSeconds(40), 5))
        .containsExactly(
            T0.plusSeconds(60),
            T0.plusSeconds(90),
            T0.plusSeconds(120),
            T0.plusSeconds(150),
            T0.plusSeconds(180));
  }

  @Test
  void aTimeAlreadyPastIsNow() {
    Instant now = T0.plusSeconds(61);

    assertThat(RateLimiter.schedule(List.of(T0), 1, MINUTE, now, 1)).containsExactly(now);
  }
}
