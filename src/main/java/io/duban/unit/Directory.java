package io.duban.unit;

import io.duban.plan.PlanCatalogueChanged;
import io.duban.system.DatabaseNotice;
import io.duban.system.DatabaseNotifications;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Units, contacts, group chats and responsibilities kept in memory for the message path, which
 * needs them for every message while they change only on admin edits and imports.
 *
 * <p>What is kept is forgotten when any instance changes those tables (V32's triggers notify {@code
 * duban_changes} at commit, heard on {@link DatabaseNotifications}), when the listening connection
 * (re)connects (a notification may have been missed), and on this instance's own writes at once and
 * again when their transaction ends, so an edit is seen by the very next message. The next read
 * after forgetting reads the database again; {@link #MAX_AGE} bounds what a lost notification could
 * cost (a value that old is refreshed behind the readers, see {@link Kept}).
 */
@Component
class Directory implements SmartLifecycle {

  /** The longest anything is kept, whatever is heard. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private static final Set<String> ROSTER_TABLES = Set.of("unit", "contact", "group_chat");
  private static final Set<String> ASSIGNMENT_TABLES =
      Set.of("assignment", "assignment_support", "milestone", "plan", "plan_item");

  private final DatabaseNotifications notifications;
  private final Kept<Roster> roster;
  private final Kept<List<Assignment>> assignments;
  private volatile Disposable listening;

  Directory(DatabaseNotifications notifications, UnitReads reads) {
    this.notifications = notifications;
    this.roster = new Kept<>(reads::roster);
    this.assignments = new Kept<>(() -> reads.assignments().collectList());
  }

  Mono<Roster> roster() {
    return roster.get();
  }

  Mono<List<Assignment>> assignments() {
    return assignments.get();
  }

  /** Forgets everything kept. */
  void forget() {
    roster.forget();
    assignments.forget();
  }

  /**
   * For this instance's writes: forgets at once (the writing transaction reads its own rows) and
   * again when the surrounding transaction, if any, ends (others must not keep what it read).
   */
  Mono<Void> changed() {
    return Mono.fromRunnable(this::forget)
        .then(
            TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(
                    m ->
                        m.registerSynchronization(
                            new TransactionSynchronization() {
                              @Override
                              public Mono<Void> afterCompletion(int status) {
                                return Mono.fromRunnable(Directory.this::forget);
                              }
                            }))
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .then());
  }

  @EventListener
  void planChanged(PlanCatalogueChanged changed) {
    assignments.forget();
  }

  void heard(DatabaseNotice notice) {
    if (notice instanceof DatabaseNotice.Listening) {
      forget();
    } else if (notice instanceof DatabaseNotice.Notified n
        && DatabaseNotifications.CHANGES.equals(n.channel())) {
      if (ROSTER_TABLES.contains(n.payload())) {
        roster.forget();
      }
      if (ASSIGNMENT_TABLES.contains(n.payload())) {
        assignments.forget();
      }
    }
  }

  @Override
  public void start() {
    listening = notifications.notices().subscribe(this::heard);
  }

  @Override
  public void stop() {
    Disposable d = listening;
    if (d != null) {
      d.dispose();
    }
    listening = null;
    forget();
  }

  @Override
  public boolean isRunning() {
    return listening != null;
  }

  /**
   * A value read when first asked for and kept until forgotten. Forgetting is strict: the next
   * reader waits for a fresh read, never sees what was kept before. Growing {@link #MAX_AGE} old is
   * not: no change was heard, so the kept value is still served while one read refreshes it behind
   * the readers (a message must not wait for the roster once a minute; a failed refresh is tried
   * again by the next reader).
   */
  static final class Kept<T> {
    private final Supplier<Mono<T>> loader;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);
    private final AtomicReference<Entry<T>> current = new AtomicReference<>();

    /** What is kept: a read under way or done ({@code value} set once it answered). */
    private record Entry<T>(Mono<T> read, T value, long readAt, boolean refreshing) {}

    Kept(Supplier<Mono<T>> loader) {
      this(loader, System::nanoTime, MAX_AGE);
    }

    Kept(Supplier<Mono<T>> loader, LongSupplier nanoTime, Duration maxAge) {
      this.loader = loader;
      this.nanoTime = nanoTime;
      this.maxAgeNanos = maxAge.toNanos();
      forget();
    }

    Mono<T> get() {
      // deferred: a chain built before a change still reads what is kept after it
      return Mono.defer(
          () -> {
            Entry<T> e = current.get();
            if (e.value() == null) {
              return e.read();
            }
            if (!e.refreshing() && nanoTime.getAsLong() - e.readAt() > maxAgeNanos) {
              Entry<T> refreshing = new Entry<>(e.read(), e.value(), e.readAt(), true);
              if (current.compareAndSet(e, refreshing)) {
                Mono.defer(loader)
                    .subscribe(
                        v -> current.compareAndSet(refreshing, answered(v)),
                        err -> current.compareAndSet(refreshing, e));
              }
            }
            return Mono.just(e.value());
          });
    }

    void forget() {
      AtomicReference<Entry<T>> self = current;
      AtomicReference<Entry<T>> mine = new AtomicReference<>();
      Mono<T> read =
          Mono.defer(loader)
              // only if nothing was forgotten since: a read begun before a change must not stay
              .doOnNext(v -> self.compareAndSet(mine.get(), answered(v)))
              .cache(v -> FOREVER, e -> Duration.ZERO, () -> Duration.ZERO);
      mine.set(new Entry<>(read, null, 0, false));
      current.set(mine.get());
    }

    private Entry<T> answered(T value) {
      return new Entry<>(Mono.just(value), value, nanoTime.getAsLong(), false);
    }
  }
}
