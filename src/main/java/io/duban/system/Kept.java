package io.duban.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A read of data that changes only on admin edits, kept in memory until {@link TableChanges} hears
 * that a table it was read from changed (on this or another instance), and at most {@code maxAge}
 * in case a notification went missing. Readers at the same time share one read. While nothing may
 * be kept (the notifications are not heard), every call reads the database.
 */
public final class Kept<T> {

  private final Mono<T> read;
  private final Duration maxAge;
  private final BooleanSupplier keeping;
  private final AtomicReference<Mono<T>> kept = new AtomicReference<>();

  Kept(Mono<T> read, Duration maxAge, BooleanSupplier keeping) {
    this.read = read;
    this.maxAge = maxAge;
    this.keeping = keeping;
  }

  /** The kept value, read first when there is none; an error or an empty read is not kept. */
  public Mono<T> get() {
    return Mono.defer(
        () -> {
          if (!keeping.getAsBoolean()) {
            return read;
          }
          Mono<T> current = kept.get();
          if (current != null) {
            return current;
          }
          // outside the caller's transaction: a kept value is everyone's, so it must not see what
          // one transaction has written and not yet committed
          Mono<T> fresh =
              read.contextWrite(context -> Context.empty())
                  .cache(value -> maxAge, error -> Duration.ZERO, () -> Duration.ZERO);
          Mono<T> raced = kept.compareAndExchange(null, fresh);
          return raced == null ? fresh : raced;
        });
  }

  /** Drops the kept value: the next call reads again (for a write made here, see its caller). */
  public void forget() {
    kept.set(null);
  }
}
