package io.duban.delivery;

import io.duban.chat.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Rate counting kept in the database, so platform limits hold across instances; each platform's
 * sender says what its limit is ({@link RateLimit}).
 *
 * <p>The invariant: <b>a message is sent only under a permit row of {@code delivery_permit} that
 * was committed before the send</b>, and permits are granted only while the bucket's
 * transaction-scoped advisory lock is held, by a transaction that first counts the bucket's rows in
 * the window. So however many instances dispatch, no window ever holds more permits than the limit.
 *
 * <p>A dispatch round takes its permits in one such transaction for all of its buckets (a
 * checkpoint): the buckets' locks in one statement, their windows in one read, every grant in one
 * insert, instead of a transaction per send. Between checkpoints this instance counts in memory: a
 * bucket it found full is not asked again until a permit is expected to leave its window, and
 * messages newly due for it are put off at once. Memory only ever refuses; only a checkpoint
 * grants.
 */
@Component
class RateLimiter {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  /** Buckets this instance found full at its last checkpoint: their window, and until when. */
  private final Map<String, Full> full = new ConcurrentHashMap<>();

  private volatile Instant prunedAt = Instant.MIN;

  RateLimiter(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** What a bucket of a round asks for: its limit and how many messages wait in it, in order. */
  record Request(RateLimit limit, int wanted) {}

  /**
   * What a bucket got: the first {@code granted} of its messages may be sent now; the rest wait,
   * the k-th of them until {@code waitUntil.get(k)}.
   */
  record Grant(int granted, List<Instant> waitUntil) {}

  /**
   * Takes permits for a round's buckets at {@code now}, as many as each bucket's limit allows of
   * what it asks for, in one transaction; says per bucket how many were granted and when the rest
   * can go. Unlimited buckets are granted everything without a statement.
   */
  Mono<Map<String, Grant>> acquire(Map<String, Request> requests, Instant now) {
    return acquire(requests, now, false);
  }

  /**
   * The query that takes the transaction-scoped locks of the buckets named in {@code column} of
   * {@code relation}, one per bucket, in one order on every instance (so two rounds cannot wait on
   * each other); it answers one row.
   */
  static String locking(String relation, String column) {
    return "SELECT count(pg_advisory_xact_lock(h)) AS locked FROM (SELECT DISTINCT hashtext("
        + column
        + ") AS h FROM "
        + relation
        + " ORDER BY h) l";
  }

  /**
   * As {@link #acquire(Map, Instant)}; {@code locked} when the transaction already holds the locks
   * of every bucket asked for (the round's claim took them, {@link OutboxRepository#claim}): the
   * window is read by a statement after the locks were granted, so it sees every permit committed
   * before.
   */
  Mono<Map<String, Grant>> acquire(Map<String, Request> requests, Instant now, boolean locked) {
    return tx.transactional(
        grant(requests, now, locked)
            .flatMap(
                checkpoint ->
                    checkpoint.permits().isEmpty()
                        ? Mono.just(checkpoint.grants())
                        : db.sql(
                                "INSERT INTO delivery_permit (rate_key, granted_at) "
                                    + Permits.ROWS)
                            .bind("permitKeys", checkpoint.permits().keys())
                            .bind("permitCounts", checkpoint.permits().counts())
                            .bind("permitAt", now)
                            .then()
                            .thenReturn(checkpoint.grants())));
  }

  /**
   * The permits a checkpoint granted, to be inserted in its transaction before it commits: {@code
   * counts[i]} for bucket {@code keys[i]}, granted at the time bound as {@code :permitAt}.
   */
  record Permits(String[] keys, Integer[] counts) {
    /** The rows to insert into {@code delivery_permit (rate_key, granted_at)}. */
    static final String ROWS =
        "SELECT k, :permitAt FROM unnest(CAST(:permitKeys AS text[]),"
            + " CAST(:permitCounts AS int[])) AS t(k, n), generate_series(1, n)";

    boolean isEmpty() {
      return keys.length == 0;
    }
  }

  /** What a checkpoint granted, and the permits that must be inserted for it. */
  record Checkpoint(Map<String, Grant> grants, Permits permits) {}

  /**
   * As {@link #acquire(Map, Instant, boolean)} but for the insert of the permits, which the caller
   * makes before its transaction commits (with the rows they are for, in one statement: {@link
   * OutboxRepository#insertClaiming}); a send may start only once that has committed.
   */
  Mono<Checkpoint> grant(Map<String, Request> requests, Instant now, boolean locked) {
    Map<String, Grant> grants = new HashMap<>();
    Map<String, Request> asked = new LinkedHashMap<>();
    requests.forEach(
        (key, request) -> {
          if (request.limit().unlimited()) {
            grants.put(key, new Grant(request.wanted(), List.of()));
            return;
          }
          Full known = full.get(key);
          if (known != null && known.holds(now)) {
            grants.put(
                key, new Grant(0, waits(known.window(), request.limit(), now, request.wanted())));
            return;
          }
          asked.put(key, request);
        });
    if (asked.isEmpty()) {
      return Mono.just(new Checkpoint(grants, NO_PERMITS));
    }
    String[] keys = asked.keySet().toArray(String[]::new);
    Mono<Void> lock =
        locked
            ? Mono.empty()
            : db.sql(locking("unnest(CAST(:keys AS text[])) t(k)", "k"))
                .bind("keys", keys)
                .fetch()
                .one()
                .then();
    return lock.then(
            db.sql(
                    // a lateral read per bucket, each by the (rate_key, granted_at) index:
                    // with "rate_key = any(:keys)" the prepared statement's generic plan read
                    // the whole table (tens of rows per message at 100 msg/s)
                    "SELECT k AS rate_key, p.granted_at FROM unnest(CAST(:keys AS text[])) k,"
                        + " LATERAL (SELECT granted_at FROM delivery_permit"
                        + " WHERE rate_key = k AND granted_at > :since ORDER BY granted_at) p"
                        + " ORDER BY 1, 2")
                .bind("keys", keys)
                .bind("since", now.minus(MINUTE))
                .map(
                    row ->
                        Map.entry(
                            row.get("rate_key", String.class),
                            row.get("granted_at", Instant.class)))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue))
        .map(
            windows -> {
              List<String> grantedKeys = new ArrayList<>();
              List<Integer> counts = new ArrayList<>();
              asked.forEach(
                  (key, request) -> {
                    List<Instant> window = new ArrayList<>(windows.getOrDefault(key, List.of()));
                    int granted = Math.min(request.wanted(), free(window, request.limit(), now));
                    window.addAll(Collections.nCopies(granted, now));
                    int rest = request.wanted() - granted;
                    List<Instant> waitUntil = waits(window, request.limit(), now, rest);
                    grants.put(key, new Grant(granted, waitUntil));
                    if (granted > 0) {
                      grantedKeys.add(key);
                      counts.add(granted);
                    }
                    remember(key, window, request.limit(), now);
                  });
              return new Checkpoint(
                  grants,
                  new Permits(grantedKeys.toArray(String[]::new), counts.toArray(Integer[]::new)));
            });
  }

  private static final Permits NO_PERMITS = new Permits(new String[0], new Integer[0]);

  /**
   * Runs {@code round} in one transaction, the one {@link #acquire} joins: a dispatch round's
   * claim, its checkpoint and what it puts off commit together, one commit per round instead of
   * two.
   */
  <T> Mono<T> inCheckpoint(Mono<T> round) {
    return tx.transactional(round);
  }

  /** How many permits {@code window} (this minute's grants, oldest first) leaves free now. */
  private static int free(List<Instant> window, RateLimit limit, Instant now) {
    int free = Integer.MAX_VALUE;
    if (limit.perMinute() > 0) {
      free = Math.min(free, limit.perMinute() - window.size());
    }
    if (limit.perSecond() > 0) {
      free = Math.min(free, limit.perSecond() - lastSecond(window, now).size());
    }
    return Math.max(0, free);
  }

  private static List<Instant> lastSecond(List<Instant> window, Instant now) {
    Instant since = now.minus(SECOND);
    return window.stream().filter(t -> t.isAfter(since)).toList();
  }

  /** Notes a bucket left full at a checkpoint, until its first permit is expected free. */
  private void remember(String key, List<Instant> window, RateLimit limit, Instant now) {
    if (free(window, limit, now) > 0) {
      full.remove(key);
      return;
    }
    Instant until = waits(window, limit, now, 1).get(0);
    full.put(key, new Full(List.copyOf(window), now, until, false));
  }

  /**
   * Notes that the platform refused a send of bucket {@code key} at {@code now} because its window
   * is full (WeCom 45009): it counts what this instance cannot see (another sender on the same
   * robot, a window of its own), so memory takes the bucket as filled at {@code now} and refuses it
   * until a full window later, without a checkpoint. Answers when the bucket is free again.
   */
  Instant refused(String key, RateLimit limit, Instant now) {
    int cap = Math.max(1, Math.max(limit.perMinute(), limit.perSecond()));
    List<Instant> window = Collections.nCopies(cap, now);
    Instant until = limit.unlimited() ? now.plus(MINUTE) : waits(window, limit, now, 1).get(0);
    full.put(key, new Full(window, now, until, true));
    return until;
  }

  /**
   * Until when the platform's refusal of bucket {@code key} holds ({@link #refused}), or null: the
   * rest of a round's messages for that bucket wait for it instead of being refused too.
   */
  Instant refusedUntil(String key, Instant now) {
    Full known = full.get(key);
    return known != null && known.refusal() && known.holds(now) ? known.until() : null;
  }

  /**
   * When {@code count} messages waiting behind a bucket's grants can go, earliest first: the k-th
   * takes the permit freed when the k-th oldest permit of the window leaves it (a window later
   * again once every permit there has been reused). Waiting messages are put off to these times
   * instead of all to the first, so each permit that frees is offered to one message rather than to
   * every message waiting for it. An estimate: other instances take permits too.
   */
  private static List<Instant> waits(
      List<Instant> window, RateLimit limit, Instant now, int count) {
    if (count == 0) {
      return List.of();
    }
    List<Instant> byMinute = schedule(window, limit.perMinute(), MINUTE, now, count);
    List<Instant> bySecond =
        schedule(lastSecond(window, now), limit.perSecond(), SECOND, now, count);
    return IntStream.range(0, count)
        .mapToObj(
            k -> {
              Instant a = byMinute.get(k);
              Instant b = bySecond.get(k);
              return a.isAfter(b) ? a : b;
            })
        .toList();
  }

  /** See {@link #waits}; {@code granted} oldest first, only those within {@code window}. */
  static List<Instant> schedule(
      List<Instant> granted, int cap, Duration window, Instant now, int count) {
    if (cap == 0) {
      return Collections.nCopies(count, now);
    }
    granted = granted.subList(0, Math.min(granted.size(), cap));
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

  /** Forgets what memory knows of full buckets (a test that empties the tables calls it). */
  void forget() {
    full.clear();
  }

  /**
   * Forgets permits older than any window, at most once a minute: a delete per round read the whole
   * table each time.
   */
  Mono<Long> prune(Instant now) {
    Instant last = prunedAt;
    if (!now.isBefore(last) && now.isBefore(last.plus(MINUTE))) {
      return Mono.just(0L);
    }
    prunedAt = now;
    return db.sql("DELETE FROM delivery_permit WHERE granted_at < :before")
        .bind("before", now.minus(Duration.ofMinutes(2)))
        .fetch()
        .rowsUpdated();
  }

  /**
   * A bucket full at {@code checkedAt}, its window then, and when a permit should free; {@code
   * refusal} when the platform said so rather than a checkpoint.
   */
  private record Full(List<Instant> window, Instant checkedAt, Instant until, boolean refusal) {
    boolean holds(Instant now) {
      return !now.isBefore(checkedAt) && now.isBefore(until);
    }
  }
}
