package io.duban.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * One web session whose attributes live in PostgreSQL ({@link SessionStore}): read at the start of
 * a request, written back at its end when they changed or the last access is a minute old.
 */
final class StoredSession implements WebSession {

  private final SessionStore store;
  private final Clock clock;
  private final Map<String, Object> attributes;
  private final Instant creationTime;
  private volatile String id;
  private volatile Instant lastAccessTime;
  private volatile Duration maxIdleTime;
  private volatile boolean started;
  private volatile boolean invalidated;

  /** What was read from the store, to skip writing an unchanged session. */
  volatile byte[] loaded;

  volatile Instant persistedAccess;

  StoredSession(
      SessionStore store,
      Clock clock,
      String id,
      Map<String, Object> attributes,
      Instant creationTime,
      Instant lastAccessTime,
      Duration maxIdleTime,
      boolean started) {
    this.store = store;
    this.clock = clock;
    this.id = id;
    this.attributes = new ConcurrentHashMap<>(attributes);
    this.creationTime = creationTime;
    this.lastAccessTime = lastAccessTime;
    this.maxIdleTime = maxIdleTime;
    this.started = started;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public boolean isStarted() {
    return started || !attributes.isEmpty();
  }

  @Override
  public Mono<Void> changeSessionId() {
    String old = id;
    id = SessionStore.newId();
    loaded = null;
    return store.delete(old);
  }

  @Override
  public Mono<Void> invalidate() {
    invalidated = true;
    attributes.clear();
    return store.delete(id);
  }

  @Override
  public Mono<Void> save() {
    if (invalidated || !isStarted()) {
      return Mono.empty();
    }
    return store.save(this);
  }

  @Override
  public boolean isExpired() {
    return isExpired(clock.instant());
  }

  boolean isExpired(Instant now) {
    return !invalidated
        && !maxIdleTime.isNegative()
        && lastAccessTime.plus(maxIdleTime).isBefore(now);
  }

  @Override
  public Instant getCreationTime() {
    return creationTime;
  }

  @Override
  public Instant getLastAccessTime() {
    return lastAccessTime;
  }

  void touch(Instant now) {
    lastAccessTime = now;
  }

  @Override
  public void setMaxIdleTime(Duration maxIdleTime) {
    this.maxIdleTime = maxIdleTime;
  }

  @Override
  public Duration getMaxIdleTime() {
    return maxIdleTime;
  }
}
