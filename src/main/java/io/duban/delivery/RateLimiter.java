package io.duban.delivery;

import io.duban.chat.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Rate counting kept in the database, so platform limits hold across instances; each platform's
 * sender says what its limit is ({@link RateLimit}). A transaction-scoped advisory lock per bucket
 * makes the count and the grant one step.
 */
@Component
class RateLimiter {

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  RateLimiter(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /**
   * Takes a permit for {@code rateKey} at {@code now}: empty when granted, else the instant a
   * permit is expected to be free.
   */
  Mono<Optional<Instant>> acquire(String rateKey, RateLimit limit, Instant now) {
    if (limit.unlimited()) {
      return Mono.just(Optional.empty());
    }
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    Instant secondAgo = now.minus(Duration.ofSeconds(1));
    Mono<Optional<Instant>> attempt =
        db.sql("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) l")
            .bind("key", rateKey)
            .fetch()
            .one()
            .then(
                db.sql(
                        "SELECT count(*) AS in_minute,"
                            + " count(*) FILTER (WHERE granted_at > :secondAgo) AS in_second,"
                            + " min(granted_at) AS oldest_in_minute,"
                            + " min(granted_at) FILTER (WHERE granted_at > :secondAgo) AS oldest_in_second"
                            + " FROM delivery_permit WHERE rate_key = :key AND granted_at > :minuteAgo")
                    .bind("key", rateKey)
                    .bind("minuteAgo", minuteAgo)
                    .bind("secondAgo", secondAgo)
                    .map(
                        row ->
                            new Window(
                                row.get("in_minute", Long.class),
                                row.get("in_second", Long.class),
                                row.get("oldest_in_minute", Instant.class),
                                row.get("oldest_in_second", Instant.class)))
                    .one())
            .flatMap(
                w -> {
                  if (limit.perMinute() > 0 && w.inMinute() >= limit.perMinute()) {
                    return Mono.just(Optional.of(w.oldestInMinute().plus(Duration.ofMinutes(1))));
                  }
                  if (limit.perSecond() > 0 && w.inSecond() >= limit.perSecond()) {
                    return Mono.just(Optional.of(w.oldestInSecond().plus(Duration.ofSeconds(1))));
                  }
                  return db.sql(
                          "INSERT INTO delivery_permit (rate_key, granted_at) VALUES (:key, :now)")
                      .bind("key", rateKey)
                      .bind("now", now)
                      .then()
                      .thenReturn(Optional.<Instant>empty());
                });
    return tx.transactional(attempt);
  }

  /**
   * When a full bucket can next take each of {@code count} waiting messages, earliest first: the
   * k-th takes the permit freed when the k-th oldest permit of the window leaves it (a window later
   * again once every permit there has been reused). Waiting messages are put off to these times
   * instead of all to the first, so each permit that frees is offered to one message rather than to
   * every message waiting for it. An estimate: other instances take permits too.
   */
  Mono<List<Instant>> freeing(String rateKey, RateLimit limit, Instant now, int count) {
    Mono<List<Instant>> byMinute =
        freeing(rateKey, limit.perMinute(), Duration.ofMinutes(1), now, count);
    Mono<List<Instant>> bySecond =
        freeing(rateKey, limit.perSecond(), Duration.ofSeconds(1), now, count);
    return Mono.zip(byMinute, bySecond)
        .map(
            t ->
                IntStream.range(0, count)
                    .mapToObj(
                        k -> {
                          Instant a = t.getT1().get(k);
                          Instant b = t.getT2().get(k);
                          return a.isAfter(b) ? a : b;
                        })
                    .toList());
  }

  private Mono<List<Instant>> freeing(
      String rateKey, int cap, Duration window, Instant now, int count) {
    if (cap == 0) {
      return Mono.just(Collections.nCopies(count, now));
    }
    return db.sql(
            "SELECT granted_at FROM delivery_permit WHERE rate_key = :key AND granted_at > :since"
                + " ORDER BY granted_at LIMIT :cap")
        .bind("key", rateKey)
        .bind("since", now.minus(window))
        .bind("cap", cap)
        .map(row -> row.get("granted_at", Instant.class))
        .all()
        .collectList()
        .map(granted -> schedule(granted, cap, window, now, count));
  }

  /** See {@link #freeing(String, RateLimit, Instant, int)}; {@code granted} oldest first. */
  static List<Instant> schedule(
      List<Instant> granted, int cap, Duration window, Instant now, int count) {
    int inWindow = granted.size();
    int free = cap - inWindow;
    List<Instant> times = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int after = k - free;
      if (after < 0 || inWindow == 0) {
        times.add(now);
        continue;
      }
      Instant at = granted.get(after % inWindow).plus(window.multipliedBy(after / inWindow + 1L));
      times.add(at.isBefore(now) ? now : at);
    }
    return times;
  }

  /** Forgets permits older than any window. */
  Mono<Long> prune(Instant now) {
    return db.sql("DELETE FROM delivery_permit WHERE granted_at < :before")
        .bind("before", now.minus(Duration.ofHours(1)))
        .fetch()
        .rowsUpdated();
  }

  private record Window(
      long inMinute, long inSecond, Instant oldestInMinute, Instant oldestInSecond) {}
}
