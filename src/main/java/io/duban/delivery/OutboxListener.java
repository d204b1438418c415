package io.duban.delivery;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Hears, on one dedicated connection ({@code LISTEN duban_outbox}), that any instance queued outbox
 * messages: the table's insert trigger (V19) notifies at commit. The connection is opened beside
 * the pool, not taken from it, and opened again with backoff when it drops; each (re)connection
 * counts as a signal, since notifications sent while it was down are lost (the dispatcher's poll
 * remains the fallback).
 */
@Component
class OutboxListener {

  static final String CHANNEL = "duban_outbox";

  private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);

  private final ConnectionFactory connections;

  OutboxListener(ConnectionFactory connections) {
    this.connections = connections;
  }

  /** A signal per notification and per (re)connection, until cancelled. */
  Flux<Boolean> signals() {
    return Flux.usingWhen(
            Mono.from(direct().create()).cast(PostgresqlConnection.class),
            this::listen,
            connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .transientErrors(true)
                .doBeforeRetry(
                    s ->
                        log.warn(
                            "Outbox LISTEN connection lost, reconnecting: {}",
                            s.failure().toString())));
  }

  private Flux<Boolean> listen(PostgresqlConnection connection) {
    return connection
        .createStatement("LISTEN " + CHANNEL)
        .execute()
        .flatMap(PostgresqlResult::getRowsUpdated)
        .thenMany(
            Flux.just(Boolean.TRUE)
                .concatWith(connection.getNotifications().map(n -> Boolean.TRUE))
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
