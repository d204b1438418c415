package io.duban.security;

import io.duban.system.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's named, revocable API tokens. The secret ({@code dbn_} and 43 random characters) is
 * shown once when created; only its SHA-256 is stored, and a presented token is found by that hash
 * (an index look-up, so no comparison of secrets happens in Java). A token works while it is not
 * revoked and its account is not disabled; its last-used time is written at most once a minute per
 * token and instance, not on every request.
 */
@Component
public class AccountTokens {

  static final String PREFIX = "dbn_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_REMEMBERED = 10_000;

  /** A token just created: the secret, shown this once. */
  public record Created(ApiToken token, String secret) {
    @Override
    public String toString() {
      return "Created[" + token + "]";
    }
  }

  private final ApiTokenRepository repository;
  private final Accounts accounts;
  private final AdminAudit audit;
  private final Clock clock;
  private final Map<Long, Instant> touched =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  AccountTokens(ApiTokenRepository repository, Accounts accounts, AdminAudit audit, Clock clock) {
    this.repository = repository;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  public Mono<Created> create(long accountId, String name) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 64 || clean.chars().anyMatch(Character::isISOControl)) {
      return Mono.error(
          new DomainException(HttpStatus.BAD_REQUEST, "BAD_NAME", "令牌名称不能为空，最长 64 个字符"));
    }
    String secret = PREFIX + secret();
    return accounts
        .find(accountId)
        .flatMap(
            account ->
                repository
                    .insert(accountId, clean, hash(secret), clock.instant())
                    .onErrorMap(
                        DataIntegrityViolationException.class,
                        e ->
                            new DomainException(
                                HttpStatus.CONFLICT, "TOKEN_NAME_TAKEN", "该账号已有同名的有效令牌"))
                    .flatMap(
                        token ->
                            audit
                                .record("token.create", account.login(), clean)
                                .thenReturn(new Created(token, secret))));
  }

  public Flux<ApiToken> list(long accountId) {
    return accounts.find(accountId).thenMany(repository.of(accountId));
  }

  public Mono<Void> revoke(long accountId, long tokenId) {
    return accounts
        .find(accountId)
        .flatMap(
            account ->
                repository
                    .revoke(accountId, tokenId, clock.instant())
                    .flatMap(
                        n ->
                            n == 0
                                ? Mono.error(DomainException.notFound("没有这个有效令牌"))
                                : audit.record("token.revoke", account.login(), "令牌 " + tokenId)));
  }

  /** The person a presented secret stands for, or empty when it is no live token. */
  Mono<Authentication> authenticate(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 128) {
      return Mono.empty();
    }
    return repository
        .live(hash(presented))
        .flatMap(
            live ->
                touch(live.tokenId())
                    .then(accounts.find(live.accountId()))
                    .filter(a -> !a.disabled())
                    .map(SignedIn::of));
  }

  private Mono<Void> touch(long tokenId) {
    Instant now = clock.instant();
    synchronized (touched) {
      Instant last = touched.get(tokenId);
      if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
        return Mono.empty();
      }
      touched.put(tokenId, now);
    }
    return repository.touch(tokenId, now).then();
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
