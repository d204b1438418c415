package io.duban.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes and checks passwords with Spring Security's {@code DelegatingPasswordEncoder} (bcrypt for
 * new hashes, stored as {@code {bcrypt}...}, so the algorithm can change later without a
 * migration). Hashing costs tens of milliseconds on purpose, so it runs on the bounded elastic
 * pool, never on the event loop. An unknown login is checked against a dummy hash, so a wrong login
 * takes as long as a wrong password and does not tell which logins exist.
 */
@Component
class Passwords {

  private final PasswordEncoder encoder =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();
  private final String dummy = encoder.encode("duban-no-such-account-0");

  Mono<String> hash(String password) {
    return Mono.fromCallable(() -> encoder.encode(password))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Whether {@code password} matches {@code hash}; a null hash (no password set) never matches. */
  Mono<Boolean> matches(String password, String hash) {
    return Mono.fromCallable(
            () -> {
              boolean ok = encoder.matches(password, hash == null ? dummy : hash);
              return ok && hash != null;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * The policy a new password must meet, or null when it does: 8 to 64 characters, with letters and
   * digits (bcrypt reads at most 72 bytes, so longer ones are refused rather than cut).
   */
  static String weakness(String password) {
    if (password == null || password.length() < 8) {
      return "密码至少 8 位";
    }
    if (password.length() > 64
        || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
      return "密码最长 64 个字符";
    }
    boolean letter = password.chars().anyMatch(Character::isLetter);
    boolean digit = password.chars().anyMatch(Character::isDigit);
    if (!letter || !digit) {
      return "密码须同时包含字母和数字";
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      return "密码不能包含控制字符";
    }
    return null;
  }
}
