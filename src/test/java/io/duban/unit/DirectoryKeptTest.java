package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * What the directory keeps: forgetting makes the next reader wait for a fresh read; growing old
 * only refreshes behind the readers, who keep getting the kept value meanwhile.
 */
class DirectoryKeptTest {

  private static final Duration AGE = Duration.ofMinutes(1);
  private static final Duration WAIT = Duration.ofSeconds(1);

  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger reads = new AtomicInteger();

  @Test
  void readsOnceWhileYoung() {
    Directory.Kept<Integer> kept = new Directory.Kept<>(this::countingRead, now::get, AGE);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    now.addAndGet(AGE.toNanos() - 1);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    assertThat(reads).hasValue(1);
  }

  @Test
  void anOldValueIsServedWhileOneReadRefreshesIt() {
    Sinks.One<Integer> slow = Sinks.one();
    AtomicInteger calls = new AtomicInteger();
    Directory.Kept<Integer> kept =
        new Directory.Kept<>(
            () -> calls.incrementAndGet() == 1 ? Mono.just(1) : slow.asMono(), now::get, AGE);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);

    now.addAndGet(AGE.toNanos() + 1);
    // the refresh has not answered: readers do not wait for it, and only one refresh runs
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    assertThat(calls).hasValue(2);

    slow.tryEmitValue(2);
    assertThat(kept.get().block(WAIT)).isEqualTo(2);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFailedRefreshKeepsTheValueAndIsTriedAgain() {
    AtomicInteger calls = new AtomicInteger();
    Directory.Kept<Integer> kept =
        new Directory.Kept<>(
            () -> {
              int n = calls.incrementAndGet();
              return n == 2 ? Mono.error(new IllegalStateException("down")) : Mono.just(n);
            },
            now::get,
            AGE);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    now.addAndGet(AGE.toNanos() + 1);
    assertThat(kept.get().block(WAIT)).as("refresh fails, value kept").isEqualTo(1);
    assertThat(kept.get().block(WAIT)).as("tried again, served meanwhile").isEqualTo(1);
    assertThat(kept.get().block(WAIT)).isEqualTo(3);
  }

  @Test
  void forgettingMakesTheNextReaderWaitForAFreshRead() {
    Sinks.One<Integer> slow = Sinks.one();
    AtomicInteger calls = new AtomicInteger();
    Directory.Kept<Integer> kept =
        new Directory.Kept<>(
            () -> calls.incrementAndGet() == 1 ? Mono.just(1) : slow.asMono(), now::get, AGE);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);

    kept.forget();
    java.util.concurrent.CompletableFuture<Integer> next = kept.get().toFuture();
    assertThat(next).as("waits for the fresh read, not served the forgotten value").isNotDone();
    slow.tryEmitValue(2);
    assertThat(next).succeedsWithin(WAIT).isEqualTo(2);
    assertThat(kept.get().block(WAIT)).isEqualTo(2);
  }

  @Test
  void aRefreshThatAnswersAfterAForgetDoesNotBringTheOldReadBack() {
    Sinks.One<Integer> refresh = Sinks.one();
    AtomicInteger calls = new AtomicInteger();
    Directory.Kept<Integer> kept =
        new Directory.Kept<>(
            () ->
                switch (calls.incrementAndGet()) {
                  case 1 -> Mono.just(1);
                  case 2 -> refresh.asMono();
                  default -> Mono.just(3);
                },
            now::get,
            AGE);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);
    now.addAndGet(AGE.toNanos() + 1);
    assertThat(kept.get().block(WAIT)).isEqualTo(1);

    kept.forget();
    assertThat(kept.get().block(WAIT)).isEqualTo(3);
    refresh.tryEmitValue(2);
    assertThat(kept.get().block(WAIT)).as("the read begun before the change").isEqualTo(3);
  }

  private Mono<Integer> countingRead() {
    return Mono.fromSupplier(reads::incrementAndGet);
  }
}
