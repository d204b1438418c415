package io.duban.security;

import io.r2dbc.spi.Parameters;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Web sessions in PostgreSQL ({@code web_session}), so any instance serves any session and no load
 * balancer needs sticky routing. Spring Session's JDBC store blocks, so this is a small {@link
 * WebSessionStore} on R2DBC. The row's key is the SHA-256 of the session id, so the table holds no
 * usable cookie; attributes (the security context, the CSRF token) are Java-serialised and read
 * back only as the classes a session holds (an allow-list filter). A session is written when its
 * attributes changed or its last write is a minute old, so idle expiry is exact to about a minute;
 * expired rows are swept every few minutes by whichever instance gets there.
 */
final class SessionStore implements WebSessionStore {

  private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxarray=100000;java.lang.*;java.util.*;java.time.*;"
              + "org.springframework.security.**;io.duban.security.*;!*");

  private final DatabaseClient db;
  private final Clock clock;
  private final Duration maxIdle;
  private final Disposable sweeper;

  SessionStore(DatabaseClient db, Clock clock, Duration maxIdle, Duration sweepEvery) {
    this.db = db;
    this.clock = clock;
    this.maxIdle = maxIdle;
    this.sweeper =
        Flux.interval(sweepEvery, sweepEvery, Schedulers.parallel())
            .concatMap(tick -> sweep().onErrorResume(e -> Mono.just(0L)))
            .subscribe();
  }

  @PreDestroy
  void stop() {
    sweeper.dispose();
  }

  @Override
  public Mono<WebSession> createWebSession() {
    Instant now = clock.instant();
    return Mono.just(new StoredSession(this, clock, newId(), Map.of(), now, now, maxIdle, false));
  }

  @Override
  public Mono<WebSession> retrieveSession(String sessionId) {
    Instant now = clock.instant();
    return db.sql(
            "SELECT attributes, created_at, last_access_at, max_idle_secs FROM web_session"
                + " WHERE id_hash = :id AND expires_at > :now")
        .bind("id", AccountTokens.hash(sessionId))
        .bind("now", now)
        .map(
            row -> {
              byte[] bytes = bytes(row.get("attributes"));
              StoredSession session =
                  new StoredSession(
                      this,
                      clock,
                      sessionId,
                      read(bytes),
                      row.get("created_at", Instant.class),
                      row.get("last_access_at", Instant.class),
                      Duration.ofSeconds(row.get("max_idle_secs", Integer.class)),
                      true);
              session.loaded = bytes;
              session.persistedAccess = row.get("last_access_at", Instant.class);
              return (WebSession) session;
            })
        .one();
  }

  @Override
  public Mono<Void> removeSession(String sessionId) {
    return delete(sessionId);
  }

  @Override
  public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
    return Mono.fromSupplier(
        () -> {
          ((StoredSession) webSession).touch(clock.instant());
          return webSession;
        });
  }

  Mono<Void> delete(String sessionId) {
    return db.sql("DELETE FROM web_session WHERE id_hash = :id")
        .bind("id", AccountTokens.hash(sessionId))
        .then();
  }

  Mono<Void> save(StoredSession session) {
    byte[] bytes = write(session.getAttributes());
    Instant access = session.getLastAccessTime();
    if (session.loaded != null
        && Arrays.equals(bytes, session.loaded)
        && session.persistedAccess != null
        && session.persistedAccess.plus(TOUCH_EVERY).isAfter(access)) {
      return Mono.empty();
    }
    Long account = accountOf(session);
    return db.sql(
            "INSERT INTO web_session (id_hash, account_id, attributes, created_at,"
                + " last_access_at, max_idle_secs, expires_at)"
                + " VALUES (:id, :account, :attributes, :created, :access, :idle, :expires)"
                + " ON CONFLICT (id_hash) DO UPDATE SET account_id = EXCLUDED.account_id,"
                + " attributes = EXCLUDED.attributes, last_access_at = EXCLUDED.last_access_at,"
                + " max_idle_secs = EXCLUDED.max_idle_secs, expires_at = EXCLUDED.expires_at")
        .bind("id", AccountTokens.hash(session.getId()))
        .bind("account", orNull(account, Long.class))
        .bind("attributes", bytes)
        .bind("created", session.getCreationTime())
        .bind("access", access)
        .bind("idle", (int) session.getMaxIdleTime().toSeconds())
        .bind("expires", access.plus(session.getMaxIdleTime()))
        .then()
        .doOnSuccess(
            done -> {
              session.loaded = bytes;
              session.persistedAccess = access;
            });
  }

  /** Removes expired rows; answers how many. */
  Mono<Long> sweep() {
    return db.sql("DELETE FROM web_session WHERE expires_at <= :now")
        .bind("now", clock.instant())
        .fetch()
        .rowsUpdated();
  }

  static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Long accountOf(StoredSession session) {
    Object context =
        session
            .getAttributes()
            .get(
                WebSessionServerSecurityContextRepository
                    .DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
    if (context instanceof SecurityContext c
        && c.getAuthentication() != null
        && c.getAuthentication().getPrincipal() instanceof SignedIn who) {
      return who.accountId();
    }
    return null;
  }

  private static byte[] write(Map<String, Object> attributes) {
    Map<String, Object> kept = new HashMap<>();
    attributes.forEach(
        (k, v) -> {
          if (v instanceof Serializable) {
            kept.put(k, v);
          }
        });
    try (var out = new ByteArrayOutputStream();
        var objects = new ObjectOutputStream(out)) {
      objects.writeObject(kept);
      objects.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise session attributes", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(byte[] bytes) {
    try (var objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(ALLOWED);
      return (Map<String, Object>) objects.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      // a session written by another version of the service: start afresh
      log.info("Discarding a stored session that cannot be read: {}", e.toString());
      return Map.of();
    }
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] b = new byte[buffer.remaining()];
      buffer.get(b);
      return b;
    }
    return new byte[0];
  }

  /** The value, or a null of its column's type (a bare null cannot be bound). */
  private static Object orNull(Object value, Class<?> type) {
    return value == null ? Parameters.in(type) : value;
  }
}
