package io.duban.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Platform access tokens cached per bot until shortly before they expire, so a send does not fetch
 * a token each time, and the one way senders call with them: with the cached token, and once more
 * with a fresh one when the platform calls it expired. Two concurrent misses may both fetch: the
 * platforms keep earlier tokens valid, so that costs one call only.
 */
public final class AccessTokens {

  /** A token and when the platform said it stops working. */
  public record Token(String value, Instant expiresAt) {}

  private final Clock clock;
  private final Duration margin;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  /**
   * @param clock the clock expiry is measured with
   * @param margin a cached token is renewed this long before it expires
   */
  public AccessTokens(Clock clock, Duration margin) {
    this.clock = clock;
    this.margin = margin;
  }

  /** A token the platform said is valid for {@code expiresInSeconds} from now. */
  public Token token(String value, long expiresInSeconds) {
    return new Token(value, clock.instant().plusSeconds(expiresInSeconds));
  }

  /**
   * Calls the platform with the token of {@code key} (fetched when there is none or it is about to
   * expire); when the answer says the token expired, drops it, fetches a fresh one and calls once
   * more. Emits the last answer, which the caller checks.
   *
   * @param key the bot whose token this is, e.g. {@code wecom:<bot id>}
   * @param fetch asks the platform for a new token
   * @param call the call to make with a token
   * @param expired whether an answer says the token is no longer valid
   */
  public <T> Mono<T> call(
      String key,
      Supplier<Mono<Token>> fetch,
      Function<String, Mono<T>> call,
      Predicate<T> expired) {
    return get(key, fetch)
        .flatMap(call)
        .flatMap(
            answer -> {
              if (!expired.test(answer)) {
                return Mono.just(answer);
              }
              cache.remove(key);
              return get(key, fetch).flatMap(call);
            });
  }

  private Mono<String> get(String key, Supplier<Mono<Token>> fetch) {
    return Mono.defer(
        () -> {
          Token cached = cache.get(key);
          if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(margin))) {
            return Mono.just(cached.value());
          }
          return fetch.get().doOnNext(fresh -> cache.put(key, fresh)).map(Token::value);
        });
  }
}
