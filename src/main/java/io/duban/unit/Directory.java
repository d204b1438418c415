package io.duban.unit;

import io.duban.plan.PlanCatalogueChanged;
import io.duban.system.DatabaseNotice;
import io.duban.system.DatabaseNotifications;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
 * cost.
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

  /** A value read when first asked for, kept until forgotten or {@link #MAX_AGE} old. */
  private static final class Kept<T> {
    private final Supplier<Mono<T>> loader;
    private final AtomicReference<Mono<T>> current = new AtomicReference<>();

    Kept(Supplier<Mono<T>> loader) {
      this.loader = loader;
      forget();
    }

    Mono<T> get() {
      // deferred: a chain built before a change still reads what is kept after it
      return Mono.defer(current::get);
    }

    void forget() {
      current.set(
          Mono.defer(loader).cache(value -> MAX_AGE, e -> Duration.ZERO, () -> Duration.ZERO));
    }
  }
}
