package io.duban.system;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Hears which admin-edited tables (units, contacts, chats, responsibilities, the plan) any instance
 * changed, so reads of them can be {@link Kept} in memory: V26's statement triggers notify {@code
 * duban_changes} with the table's name at commit, heard on one dedicated connection beside the
 * pool. This instance's own writes forget at once when their transaction ends ({@link
 * #changedAfterCommit}), before their notification arrives. Nothing is kept while the connection is
 * down, and each (re)connection forgets everything, since notifications sent meanwhile are lost.
 */
@Component
public class TableChanges implements SmartLifecycle {

  static final String CHANNEL = "duban_changes";

  private static final Logger log = LoggerFactory.getLogger(TableChanges.class);

  private final ConnectionFactory connections;
  private final Map<String, List<Kept<?>>> byTable = new ConcurrentHashMap<>();
  private final List<Kept<?>> all = new CopyOnWriteArrayList<>();
  private volatile boolean listening;
  private volatile Disposable subscription;

  TableChanges(ConnectionFactory connections) {
    this.connections = connections;
  }

  /**
   * A read kept until one of {@code tables} changes (or {@code maxAge} passes).
   *
   * @param tables the tables the read comes from, each with V26's trigger
   */
  public <T> Kept<T> keep(Mono<T> read, Duration maxAge, String... tables) {
    Kept<T> kept = new Kept<>(read, maxAge, () -> listening);
    all.add(kept);
    for (String table : tables) {
      byTable.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(kept);
    }
    return kept;
  }

  /**
   * Forgets what was read from {@code tables} once the surrounding transaction has ended (at once
   * outside one), for a write to them made here: the next read sees it without waiting for the
   * notification.
   */
  public Mono<Void> changedAfterCommit(String... tables) {
    Runnable forget =
        () -> {
          for (String table : tables) {
            changed(table);
          }
        };
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(
            manager -> {
              manager.registerSynchronization(
                  new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCompletion(int status) {
                      return Mono.fromRunnable(forget);
                    }
                  });
              return true;
            })
        .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
        .defaultIfEmpty(false)
        .flatMap(registered -> registered ? Mono.<Void>empty() : Mono.fromRunnable(forget));
  }

  /** Forgets what was read from {@code table}. */
  void changed(String table) {
    List<Kept<?>> readers = byTable.get(table);
    if (readers != null) {
      readers.forEach(Kept::forget);
    }
  }

  /** Whether notifications are heard now, so that reads may be kept. */
  boolean listening() {
    return listening;
  }

  private void forgetAll() {
    all.forEach(Kept::forget);
  }

  @Override
  public void start() {
    subscription =
        Flux.usingWhen(
                Mono.from(direct().create()).cast(PostgresqlConnection.class),
                this::listen,
                connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true)
                    .doBeforeRetry(
                        s -> {
                          stopKeeping();
                          log.warn(
                              "LISTEN {} connection lost, reconnecting (nothing kept meanwhile): {}",
                              CHANNEL,
                              s.failure().toString());
                        }))
            .subscribe(this::changed, e -> stopKeeping());
  }

  private Flux<String> listen(PostgresqlConnection connection) {
    return connection
        .createStatement("LISTEN " + CHANNEL)
        .execute()
        .flatMap(PostgresqlResult::getRowsUpdated)
        .then(
            Mono.fromRunnable(
                () -> {
                  listening = true;
                  forgetAll();
                }))
        .thenMany(
            connection
                .getNotifications()
                .map(n -> n.getParameter() == null ? "" : n.getParameter())
                .concatWith(
                    Flux.error(() -> new IllegalStateException("LISTEN connection closed"))));
  }

  private void stopKeeping() {
    listening = false;
    forgetAll();
  }

  @Override
  public void stop() {
    Disposable current = subscription;
    if (current != null) {
      current.dispose();
    }
    subscription = null;
    stopKeeping();
  }

  @Override
  public boolean isRunning() {
    return subscription != null;
  }

  /** The driver's own factory under the pool, so the listening connection is not a pool slot. */
  private ConnectionFactory direct() {
    ConnectionFactory factory = connections;
    while (factory instanceof Wrapped<?> wrapped
        && wrapped.unwrap() instanceof ConnectionFactory inner
        && inner != factory) {
      factory = inner;
    }
    return factory;
  }
}
