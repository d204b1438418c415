package io.duban.delivery;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * This instance's lease in {@code dispatcher_lease}: the sign of life under which its claims
 * (SENDING messages naming it) are its own. Renewed by each claim and by a heartbeat every third of
 * {@code duban.delivery.claim-lease}; judged by the database's clock ({@code now()}), so instances
 * whose clocks disagree agree on who is alive. When it lapses, other instances take its claims.
 *
 * <p>A send is started only while the lease is known to hold for at least another third of its
 * length ({@link #holds}), counted on this machine's monotonic clock from before the statement that
 * renewed it: an instance that has stopped reaching the database stops sending before others may
 * take its messages over.
 */
@Component
class DispatcherLease {

  private static final Logger log = LoggerFactory.getLogger(DispatcherLease.class);

  /** Leases lapsed for longer than this are deleted by the heartbeat (an instance per restart). */
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final DatabaseClient db;
  private final Duration length;
  private final String instance;

  /** Until when (System.nanoTime) the lease is known to hold; 0 before the first renewal. */
  private volatile long heldUntil;

  /** Whether the heartbeat runs (without it, only claims renew: tests that dispatch by hand). */
  private volatile boolean beating;

  @Autowired
  DispatcherLease(DatabaseClient db, DeliveryProperties properties) {
    this(db, properties.claimLease(), name());
  }

  DispatcherLease(DatabaseClient db, Duration length, String instance) {
    this.db = db;
    this.length = length;
    this.instance = instance;
  }

  /** The name claims carry: host and pid to read, a random part to be unique. */
  String instance() {
    return instance;
  }

  /** The lease's length, in seconds, for a statement's {@code make_interval}. */
  double seconds() {
    return length.toMillis() / 1000.0;
  }

  /** Notes that a statement begun at {@code begunAt} (System.nanoTime) renewed the lease. */
  void renewedSince(long begunAt) {
    long until = begunAt + length.toNanos();
    if (beating && heldUntil != 0 && heldUntil - begunAt < 0) {
      log.warn(
          "Dispatcher lease {} had lapsed: messages it had claimed may have been taken over",
          instance);
    }
    heldUntil = until;
  }

  /**
   * Whether the lease holds for at least another half of its length, so that a claim need not renew
   * it (the heartbeat renews it every third).
   */
  boolean fresh() {
    long until = heldUntil;
    return until != 0 && until - System.nanoTime() > length.toNanos() / 2;
  }

  /** Whether a send may start now: the lease holds for at least another third of its length. */
  boolean holds() {
    long until = heldUntil;
    return until != 0 && until - System.nanoTime() > length.toNanos() / 3;
  }

  /**
   * Renews the lease (taking it afresh if it was deleted) and forgets long-lapsed ones; emits
   * whether another instance's lease has lapsed within the last two heartbeats, so that its claims
   * are taken over now rather than at the next poll.
   */
  Mono<Boolean> renew() {
    long begun = System.nanoTime();
    return db.sql(
            "WITH renewed AS (INSERT INTO dispatcher_lease (instance, alive_until)"
                + " VALUES (:instance, now() + make_interval(secs => :length))"
                + " ON CONFLICT (instance) DO UPDATE SET alive_until = excluded.alive_until"
                + " RETURNING instance),"
                + " forgotten AS (DELETE FROM dispatcher_lease"
                + " WHERE alive_until < now() - make_interval(secs => :forget) RETURNING instance)"
                + " SELECT count(*) AS lapsed FROM dispatcher_lease WHERE instance <> :instance"
                + " AND alive_until <= now() AND alive_until > now() - make_interval(secs => :recent)")
        .bind("instance", instance)
        .bind("length", seconds())
        .bind("forget", (double) FORGET_AFTER.toSeconds())
        .bind("recent", seconds())
        .map(row -> row.get("lapsed", Long.class))
        .one()
        .doOnNext(lapsed -> renewedSince(begun))
        .map(lapsed -> lapsed > 0);
  }

  /**
   * Renews the lease every third of its length until cancelled; emits TRUE when another instance's
   * lease has lapsed. A failed renewal is logged and tried again at the next beat.
   */
  Flux<Boolean> heartbeat() {
    return Flux.interval(Duration.ZERO, length.dividedBy(3))
        .doOnSubscribe(s -> beating = true)
        .doFinally(s -> beating = false)
        .onBackpressureDrop()
        .concatMap(
            beat ->
                renew()
                    .onErrorResume(
                        e -> {
                          log.warn("Dispatcher lease {} not renewed: {}", instance, e.toString());
                          return Mono.just(false);
                        }),
            1)
        .filter(lapsed -> lapsed);
  }

  /** Gives the lease up (a clean shutdown): this instance's claims are free for others at once. */
  Mono<Void> release() {
    heldUntil = 0;
    return db.sql("UPDATE dispatcher_lease SET alive_until = now() WHERE instance = :instance")
        .bind("instance", instance)
        .fetch()
        .rowsUpdated()
        .then();
  }

  private static String name() {
    String process = ManagementFactory.getRuntimeMXBean().getName();
    return process + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
