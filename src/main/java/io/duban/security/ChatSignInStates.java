package io.duban.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The OAuth {@code state} of chat sign-ins: random, bound to the browser's session (kept as a
 * session attribute, so it lives wherever the session lives, in PostgreSQL when sessions are shared
 * by instances), for one platform, valid for a few minutes and used once. A callback whose state
 * this session did not issue (another browser's, a forged or a replayed one) is refused, so no one
 * can sign a victim's browser into the attacker's account (login CSRF).
 */
final class ChatSignInStates {

  /** Attributes are {@code <prefix><state>} → {@code <platform> <expiry epoch millis>}. */
  static final String PREFIX = "duban.chat-sign-in.state.";

  /** At most this many sign-ins may be pending in one session; older ones are dropped. */
  private static final int MAX_PENDING = 5;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;

  ChatSignInStates(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A new state for {@code platform}, remembered in this browser's session. */
  Mono<String> issue(ServerWebExchange exchange, String platform) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    // hex: WeCom allows only a-zA-Z0-9 in state, at most 128 bytes
    String state = HexFormat.of().formatHex(bytes);
    return exchange
        .getSession()
        .map(
            session -> {
              forgetStale(session);
              Instant expires = clock.instant().plus(ttl);
              session.getAttributes().put(PREFIX + state, platform + " " + expires.toEpochMilli());
              return state;
            });
  }

  /**
   * Whether {@code state} was issued by this session for {@code platform} and has not expired; it
   * is removed either way, so it works once.
   */
  Mono<Boolean> consume(ServerWebExchange exchange, String platform, String state) {
    if (state == null || state.isBlank() || state.length() > 128) {
      return Mono.just(false);
    }
    return exchange
        .getSession()
        .map(
            session -> {
              Object entry = session.getAttributes().remove(PREFIX + state);
              if (!(entry instanceof String value)) {
                return false;
              }
              String[] parts = value.split(" ", 2);
              return parts.length == 2
                  && parts[0].equals(platform)
                  && clock.instant().toEpochMilli() < Long.parseLong(parts[1]);
            });
  }

  private void forgetStale(WebSession session) {
    long now = clock.instant().toEpochMilli();
    Map<String, Object> attributes = session.getAttributes();
    attributes
        .entrySet()
        .removeIf(
            e ->
                e.getKey().startsWith(PREFIX)
                    && (!(e.getValue() instanceof String v) || expiry(v) <= now));
    var pending =
        attributes.entrySet().stream()
            .filter(e -> e.getKey().startsWith(PREFIX))
            .sorted(java.util.Comparator.comparingLong(e -> expiry((String) e.getValue())))
            .map(Map.Entry::getKey)
            .toList();
    for (int i = 0; i <= pending.size() - MAX_PENDING; i++) {
      attributes.remove(pending.get(i));
    }
  }

  private static long expiry(String value) {
    int space = value.indexOf(' ');
    try {
      return Long.parseLong(value.substring(space + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
