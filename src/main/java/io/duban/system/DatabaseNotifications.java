package io.duban.system;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The service's one listening connection ({@code LISTEN} on every channel of {@link #CHANNELS}),
 * opened beside the pool, not taken from it, shared by all who listen and opened again with backoff
 * when it drops. Each (re)connection is a {@link DatabaseNotice.Listening}: what was notified while
 * it was down is lost.
 */
@Component
public class DatabaseNotifications {

  /** Outbox rows were queued (V19). */
  public static final String OUTBOX = "duban_outbox";

  /**
   * Units, contacts, group chats, responsibilities or the plan changed; the payload names the table
   * (V32).
   */
  public static final String CHANGES = "duban_changes";

  static final List<String> CHANNELS = List.of(OUTBOX, CHANGES);

  private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);

  private final ConnectionFactory connections;
  private final String name;
  private final Flux<DatabaseNotice> shared;
  private volatile boolean listening;

  DatabaseNotifications(ConnectionFactory connections, ConnectionName name) {
    this.connections = connections;
    this.name = name.value();
    this.shared =
        Flux.usingWhen(
                Mono.defer(() -> Mono.from(direct().create())).cast(PostgresqlConnection.class),
                this::listen,
                connection ->
                    Mono.from(connection.close())
                        .onErrorResume(e -> Mono.empty())
                        .doFinally(s -> listening = false))
            .doOnError(e -> listening = false)
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .transientErrors(true)
                    .doBeforeRetry(
                        s ->
                            log.warn(
                                "LISTEN connection lost, reconnecting: {}",
                                s.failure().toString())))
            .share();
  }

  /**
   * What the connection hears, until cancelled: a {@link DatabaseNotice.Listening} first (once it
   * listens, or at once when it already does) and after every reconnection, then the notifications.
   */
  public Flux<DatabaseNotice> notices() {
    // subscribed to the shared connection first, then asked whether it already listens: a
    // connection that starts listening in between is announced twice, never not at all
    return Flux.merge(
        shared,
        Mono.fromCallable(() -> listening ? new DatabaseNotice.Listening() : null)
            .cast(DatabaseNotice.class));
  }

  private Flux<DatabaseNotice> listen(PostgresqlConnection connection) {
    return Flux.fromIterable(CHANNELS)
        .concatMap(
            channel ->
                connection
                    .createStatement("LISTEN " + channel)
                    .execute()
                    .flatMap(PostgresqlResult::getRowsUpdated))
        .then(Mono.fromRunnable(() -> listening = true))
        .thenMany(
            Flux.<DatabaseNotice>just(new DatabaseNotice.Listening())
                .concatWith(
                    connection
                        .getNotifications()
                        .map(
                            n -> {
                              String payload = n.getParameter() == null ? "" : n.getParameter();
                              return new DatabaseNotice.Notified(
                                  n.getName(), payload, payload.equals(name));
                            }))
                .concatWith(
                    Flux.error(() -> new IllegalStateException("LISTEN connection closed"))));
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
