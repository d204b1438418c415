package io.duban.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Platform access tokens cached per bot until shortly before they expire, so a send does not fetch
 * a token each time; a sender drops a token the platform called expired. Two concurrent misses may
 * both fetch: the platforms keep earlier tokens valid, so that costs one call only.
 */
final class AccessTokens {

  /** A token and when the platform said it stops working. */
  record Token(String value, Instant expiresAt) {}

  private final Clock clock;
  private final Duration margin;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  AccessTokens(Clock clock, Duration margin) {
    this.clock = clock;
    this.margin = margin;
  }

  /** The token of {@code key}, fetched when there is none or it is about to expire. */
  Mono<String> get(String key, Supplier<Mono<Token>> fetch) {
    return Mono.defer(
        () -> {
          Token cached = cache.get(key);
          if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(margin))) {
            return Mono.just(cached.value());
          }
          return fetch.get().doOnNext(fresh -> cache.put(key, fresh)).map(Token::value);
        });
  }

  /** Forgets the token of {@code key}; the next {@link #get} fetches a new one. */
  void invalidate(String key) {
    cache.remove(key);
  }
}
