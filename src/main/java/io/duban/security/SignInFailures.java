package io.duban.security;

import io.r2dbc.spi.Readable;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code sign_in_failure} table: failed sign-ins per client address and per account, shared by
 * every instance and judged by the database's clock. Every call is one statement outside any
 * transaction, so a row is locked only while one failure is counted on it, and a key that is locked
 * out is answered from a plain read (no row lock, no write). Dead rows are swept every few minutes
 * by whichever instance gets there.
 */
@Repository
class SignInFailures {

  /** What a failure is counted against. */
  enum Kind {
    SOURCE,
    ACCOUNT
  }

  /** One counted key; texts that cannot be stored as they are become {@code #<SHA-256>}. */
  record Key(Kind kind, String value) {

    private static final Pattern PLAIN = Pattern.compile("[\\x21-\\x7e]{1,128}");

    static Key source(String address) {
      return new Key(Kind.SOURCE, storable(address));
    }

    static Key account(String login) {
      return new Key(Kind.ACCOUNT, storable(login));
    }

    private static String storable(String text) {
      // a NUL cannot be stored in text, and a megabyte of login must not be either
      return PLAIN.matcher(text).matches() ? text : "#" + AccountTokens.hash(text);
    }

    @Override
    public String toString() {
      return kind == Kind.SOURCE ? value : "account:" + value;
    }
  }

  /** A key in a lockout, and how long it still lasts. */
  record Locked(Key key, Duration remaining) {}

  private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

  private static final String KEYS =
      "WITH k AS (SELECT * FROM unnest(CAST(:kinds AS text[]), CAST(:keys AS text[]))"
          + " AS k (kind, key)),"
          + " locked AS (SELECT f.kind, f.key, f.locked_until FROM sign_in_failure f"
          + " JOIN k ON f.kind = k.kind AND f.key = k.key WHERE f.locked_until > now())";

  private static final String WAIT =
      "CAST(ceil(EXTRACT(EPOCH FROM l.locked_until - now()) * 1000) AS bigint)";

  /** The count after one more failure: afresh when the last one is older than forget-after. */
  private static final String NEXT =
      "(CASE WHEN f.last_failure_at < now() - make_interval(secs => CAST(:forget AS float8))"
          + " THEN 1 ELSE f.failures + 1 END)";

  private static final String LOCKED_FOR =
      KEYS + " SELECT l.kind, l.key, " + WAIT + " AS wait_ms FROM locked l";

  private static final String COUNT =
      KEYS
          + ", counted AS (INSERT INTO sign_in_failure AS f"
          + " (kind, key, failures, last_failure_at, locked_until)"
          + " SELECT k.kind, k.key, 1, now(), "
          + lockedUntil("1")
          + " FROM k WHERE NOT EXISTS"
          + " (SELECT 1 FROM locked l WHERE l.kind = k.kind AND l.key = k.key)"
          + " ON CONFLICT (kind, key) DO UPDATE SET failures = "
          + NEXT
          + ", last_failure_at = now(), locked_until = "
          + lockedUntil(NEXT)
          // a lockout that began after this statement's snapshot: not counted; fail() reads it
          // again
          + " WHERE f.locked_until IS NULL OR f.locked_until <= now()"
          + " RETURNING f.kind, f.key)"
          + " SELECT k.kind, k.key, "
          + WAIT
          + " AS wait_ms, c.kind IS NOT NULL AS counted FROM k"
          + " LEFT JOIN locked l ON l.kind = k.kind AND l.key = k.key"
          + " LEFT JOIN counted c ON c.kind = k.kind AND c.key = k.key";

  private static final String FORGIVE =
      KEYS
          + ", forgiven AS (DELETE FROM sign_in_failure f USING k"
          + " WHERE k.kind = 'ACCOUNT' AND f.kind = k.kind AND f.key = k.key"
          + " AND (f.locked_until IS NULL OR f.locked_until <= now())"
          + " AND NOT EXISTS (SELECT 1 FROM locked))"
          + " SELECT l.kind, l.key, "
          + WAIT
          + " AS wait_ms FROM locked l";

  private final DatabaseClient db;
  private final SecurityProperties.SignIn rules;
  private final Disposable sweeper;

  SignInFailures(DatabaseClient db, SecurityProperties properties) {
    this.db = db;
    this.rules = properties.signIn();
    this.sweeper =
        Flux.interval(SWEEP_EVERY, SWEEP_EVERY, Schedulers.parallel())
            .concatMap(tick -> sweep().onErrorResume(e -> Mono.just(0L)))
            .subscribe();
  }

  @PreDestroy
  void stop() {
    sweeper.dispose();
  }

  /** The keys among {@code keys} that are locked out; nothing is counted. */
  Flux<Locked> lockedFor(List<Key> keys) {
    return bound(LOCKED_FOR, keys).map(SignInFailures::fromRow).all();
  }

  /**
   * Counts one failure against each of {@code keys} that is not locked out, locking it out when it
   * reached the allowance; answers the keys that were locked out already (their failure is not
   * counted, as nothing is tried during a lockout).
   */
  Flux<Locked> fail(List<Key> keys) {
    return bound(COUNT, keys)
        .bind("max", rules.maxFailures())
        .bind("lockout", seconds(rules.lockout()))
        .bind("longest", seconds(rules.maxLockout()))
        .bind("forget", seconds(rules.forgetAfter()))
        .map(
            row ->
                new Counted(
                    new Key(
                        Kind.valueOf(row.get("kind", String.class)), row.get("key", String.class)),
                    row.get("wait_ms", Long.class),
                    Boolean.TRUE.equals(row.get("counted", Boolean.class))))
        .all()
        .collectList()
        .flatMapMany(
            rows -> {
              // neither locked in the snapshot nor counted: another instance locked it meanwhile
              List<Key> raced =
                  rows.stream()
                      .filter(r -> !r.counted() && r.waitMillis() == null)
                      .map(Counted::key)
                      .toList();
              Flux<Locked> locked =
                  Flux.fromIterable(rows)
                      .filter(r -> r.waitMillis() != null)
                      .map(r -> locked(r.key(), r.waitMillis()));
              return raced.isEmpty() ? locked : locked.concatWith(lockedFor(raced));
            });
  }

  /**
   * A right password: unless a key is locked out, the account starts afresh; answers the keys that
   * are locked out (the sign-in is then refused).
   */
  Flux<Locked> succeed(Key source, Key account) {
    return bound(FORGIVE, List.of(source, account)).map(SignInFailures::fromRow).all();
  }

  /** Removes rows whose failures are forgotten and whose lockout is over; answers how many. */
  Mono<Long> sweep() {
    return db.sql(
            "DELETE FROM sign_in_failure WHERE last_failure_at < now()"
                + " - make_interval(secs => CAST(:forget AS float8))"
                + " AND (locked_until IS NULL OR locked_until <= now())")
        .bind("forget", seconds(rules.forgetAfter()))
        .fetch()
        .rowsUpdated();
  }

  /** Forgets every failure, as if none had happened (tests start each class so). */
  Mono<Long> forgetAll() {
    return db.sql("DELETE FROM sign_in_failure").fetch().rowsUpdated();
  }

  private DatabaseClient.GenericExecuteSpec bound(String sql, List<Key> keys) {
    return db.sql(sql)
        .bind("kinds", keys.stream().map(k -> k.kind().name()).toArray(String[]::new))
        .bind("keys", keys.stream().map(Key::value).toArray(String[]::new));
  }

  /** When a key whose count is {@code count} after this failure is locked out until, or null. */
  private static String lockedUntil(String count) {
    return "CASE WHEN "
        + count
        + " >= CAST(:max AS integer) THEN now() + make_interval(secs => least("
        + "CAST(:lockout AS float8) * power(2, least("
        + count
        + " - CAST(:max AS integer), 62)), CAST(:longest AS float8))) END";
  }

  private static Locked fromRow(Readable row) {
    return locked(
        new Key(Kind.valueOf(row.get("kind", String.class)), row.get("key", String.class)),
        row.get("wait_ms", Long.class));
  }

  private static Locked locked(Key key, Long waitMillis) {
    return new Locked(key, Duration.ofMillis(Math.max(1, waitMillis)));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** One key's row of a count: the wait of a lockout it was in (null: none), or counted. */
  private record Counted(Key key, Long waitMillis, boolean counted) {}
}
