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
 * <p>A bucket is one row of {@code delivery_bucket} holding the times of its grants in the last
 * minute. The invariant: <b>a message is sent only under a grant recorded in its bucket's row by a
 * transaction that committed before the send</b>, and grants are recorded only by a transaction
 * holding the row's lock that read the row's newest version under it ({@link #LOCKED_WINDOWS}). So
 * however many instances dispatch, no window ever holds more grants than the limit.
 *
 * <p>A checkpoint asks for all of a round's (or a committing transaction's) buckets at once: their
 * locks and windows in one statement, every grant in one update, instead of a transaction per send.
 * Between checkpoints this instance counts in memory: a bucket it found full is not asked again
 * until a grant is expected to leave its window, and messages newly due for it are put off at once.
 * Memory only ever refuses; only a checkpoint grants.
 */
@Component
class RateLimiter {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SECOND = Duration.ofSeconds(1);

  /**
   * Locks the buckets {@code :keys} (creating the rows of new ones), one order on every instance so
   * two checkpoints cannot wait on each other, drops the grants older than {@code :since} and
   * answers each bucket's window. {@code ON CONFLICT DO UPDATE} works on the row's newest version
   * once its lock is granted, also when another transaction committed it while this one waited, so
   * the window answered counts every grant committed before: locking and reading are one statement.
   * A data-modifying statement, it runs to completion also as an unread CTE.
   */
  static final String LOCKED_WINDOWS =
      "INSERT INTO delivery_bucket AS b (rate_key)"
          + " SELECT k FROM unnest(CAST(:keys AS text[])) k ORDER BY k"
          + " ON CONFLICT (rate_key) DO UPDATE SET granted ="
          + " ARRAY(SELECT g FROM unnest(b.granted) g WHERE g > :since ORDER BY g)"
          + " RETURNING b.rate_key, b.granted";

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  /** Buckets this instance found full at its last checkpoint: their window, and until when. */
  private final Map<String, Full> full = new ConcurrentHashMap<>();

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
   * what it asks for, in one transaction (the caller's, when it has one); says per bucket how many
   * were granted and when the rest can go. Unlimited buckets are granted everything without a
   * statement.
   */
  Mono<Map<String, Grant>> acquire(Map<String, Request> requests, Instant now) {
    Asking asking = ask(requests, now);
    if (asking.asked().isEmpty()) {
      return Mono.just(asking.answered());
    }
    return tx.transactional(
        db.sql(LOCKED_WINDOWS)
            .bind("keys", asking.asked().keySet().toArray(String[]::new))
            .bind("since", since(now))
            .map(row -> Map.entry(row.get("rate_key", String.class), window(row, "granted")))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .flatMap(
                windows -> {
                  Checkpoint checkpoint = decide(asking, windows, now);
                  return checkpoint.permits().isEmpty()
                      ? Mono.just(checkpoint.grants())
                      : db.sql(Permits.UPDATE)
                          .bind("permitKeys", checkpoint.permits().keys())
                          .bind("permitCounts", checkpoint.permits().counts())
                          .bind("permitAt", now)
                          .then()
                          .thenReturn(checkpoint.grants());
                }));
  }

  /** The oldest grant time that still counts in a window at {@code now} (exclusive). */
  static Instant since(Instant now) {
    return now.minus(MINUTE);
  }

  /** A window as {@link #LOCKED_WINDOWS} answers it, oldest first; empty for a null column. */
  static List<Instant> window(io.r2dbc.spi.Readable row, String column) {
    java.time.OffsetDateTime[] times = row.get(column, java.time.OffsetDateTime[].class);
    if (times == null) {
      return List.of();
    }
    return java.util.Arrays.stream(times)
        .map(java.time.OffsetDateTime::toInstant)
        .sorted()
        .toList();
  }

  /**
   * The grants a checkpoint made, to be recorded in its transaction before it commits: {@code
   * counts[i]} for bucket {@code keys[i]}, granted at the time bound as {@code :permitAt}.
   */
  record Permits(String[] keys, Integer[] counts) {
    /**
     * Records the grants in their buckets' rows, which the transaction locked and pruned ({@link
     * #LOCKED_WINDOWS}); a statement of its own or a CTE of the statement that queues the messages
     * they are for ({@link OutboxRepository#insertClaiming}).
     */
    static final String UPDATE =
        "UPDATE delivery_bucket b SET granted = b.granted"
            + " || array_fill(CAST(:permitAt AS timestamptz), ARRAY[t.n]),"
            + " granted_total = b.granted_total + t.n"
            + " FROM unnest(CAST(:permitKeys AS text[]), CAST(:permitCounts AS int[])) AS t(k, n)"
            + " WHERE b.rate_key = t.k";

    boolean isEmpty() {
      return keys.length == 0;
    }
  }

  /** What a checkpoint granted, and the permits that must be recorded for it. */
  record Checkpoint(Map<String, Grant> grants, Permits permits) {}

  /**
   * A checkpoint's first half: the buckets that must be asked of the database ({@code asked}, to be
   * locked and read with {@link #LOCKED_WINDOWS}), and what unlimited buckets and memory's full
   * ones were answered without it.
   */
  record Asking(Map<String, Request> asked, Map<String, Grant> answered) {}

  /** See {@link Asking}. */
  Asking ask(Map<String, Request> requests, Instant now) {
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
    return new Asking(asked, grants);
  }

  /**
   * A checkpoint's second half: grants what the {@code windows} of the asked buckets, read under
   * their locks, leave free; a bucket asked but missing from {@code windows} is granted nothing now
   * and asked again when due. The caller records the permits before its transaction commits.
   */
  Checkpoint decide(Asking asking, Map<String, List<Instant>> windows, Instant now) {
    Map<String, Grant> grants = new HashMap<>(asking.answered());
    List<String> grantedKeys = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    asking
        .asked()
        .forEach(
            (key, request) -> {
              List<Instant> read = windows.get(key);
              if (read == null) {
                grants.put(key, new Grant(0, Collections.nCopies(request.wanted(), now)));
                return;
              }
              Instant since = since(now);
              List<Instant> window =
                  new ArrayList<>(read.stream().filter(t -> t.isAfter(since)).toList());
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
        grants, new Permits(grantedKeys.toArray(String[]::new), counts.toArray(Integer[]::new)));
  }

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
   * A bucket full at {@code checkedAt}, its window then, and when a permit should free; {@code
   * refusal} when the platform said so rather than a checkpoint.
   */
  private record Full(List<Instant> window, Instant checkedAt, Instant until, boolean refusal) {
    boolean holds(Instant now) {
      return !now.isBefore(checkedAt) && now.isBefore(until);
    }
  }
}
