package io.duban.security;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows down the guessing of tokens and passwords: failed sign-ins (form or bearer) are counted per
 * source address, and a password sign-in also per account ({@link #account(String)} is its key, so
 * guesses spread over many addresses still lock the account they aim at); a key that failed too
 * often is refused every attempt, right or wrong, for a lockout that doubles with each further
 * failure ({@code duban.security.sign-in}). Deciding and counting happen in one step, so a burst of
 * parallel guesses is counted exactly. Counts live in this instance's memory: a restart forgives,
 * and each instance counts on its own. Refusals are logged as a summary ({@link RefusalSummary}).
 */
@Component
public class SignInThrottle {

  private static final int MAX_SOURCES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private final SecurityProperties.SignIn rules;
  private final Clock clock;
  private final RefusalSummary refusals;
  private final Map<String, Failures> sources =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  SignInThrottle(SecurityProperties properties, Clock clock) {
    this.rules = properties.signIn();
    this.clock = clock;
    this.refusals =
        new RefusalSummary("Sign-in (too many failures)", log, clock, Duration.ofMinutes(1));
  }

  @PreDestroy
  void stop() {
    refusals.close();
  }

  /** Forgets every source's and account's failures, as a restart would. */
  void forgetAll() {
    synchronized (sources) {
      sources.clear();
    }
  }

  /** The key an account's failures are counted under, beside its source address's. */
  public static String account(String login) {
    return "account:" + login;
  }

  /**
   * How long {@code key} must still wait, without counting an attempt: checked before the costly
   * password hash, so a locked-out source or account costs the service nothing.
   */
  public Optional<Duration> lockedFor(String key) {
    Instant now = clock.instant();
    synchronized (sources) {
      Failures failures = sources.get(key);
      if (failures != null && failures.lockedUntil.isAfter(now)) {
        refusals.refused(key);
        return Optional.of(Duration.between(now, failures.lockedUntil));
      }
      return Optional.empty();
    }
  }

  /**
   * Records one sign-in attempt of the source whose token was {@code accepted} or not, and answers
   * how long the source must still wait when it is locked out: the attempt is then refused, even
   * with a valid token, so guesses cannot be tried out during a lockout.
   */
  public Optional<Duration> refusal(String source, boolean accepted) {
    Instant now = clock.instant();
    synchronized (sources) {
      Failures failures = sources.get(source);
      if (failures != null && failures.lockedUntil.isAfter(now)) {
        refusals.refused(source);
        return Optional.of(Duration.between(now, failures.lockedUntil));
      }
      if (accepted) {
        return Optional.empty();
      }
      if (failures == null || failures.last.plus(rules.forgetAfter()).isBefore(now)) {
        failures = new Failures(0, now, Instant.MIN);
      }
      int count = failures.count + 1;
      Instant lockedUntil = failures.lockedUntil;
      if (count >= rules.maxFailures()) {
        lockedUntil = now.plus(lockout(count - rules.maxFailures()));
      }
      sources.put(source, new Failures(count, now, lockedUntil));
      return Optional.empty();
    }
  }

  /** The first lockout, doubled for each failure beyond the allowance, at most the longest. */
  private Duration lockout(int beyond) {
    Duration lock = rules.lockout();
    for (int i = 0; i < beyond && lock.compareTo(rules.maxLockout()) < 0; i++) {
      lock = lock.multipliedBy(2);
    }
    return lock.compareTo(rules.maxLockout()) > 0 ? rules.maxLockout() : lock;
  }

  /** What a refused person reads: {@code 登录失败次数过多，请 3 分钟后再试。} */
  public static String message(Duration wait) {
    long seconds = seconds(wait);
    String when = seconds < 60 ? seconds + " 秒" : ((seconds + 59) / 60) + " 分钟";
    return "登录失败次数过多，请 " + when + "后再试。";
  }

  /** Retry-After in whole seconds, rounded up. */
  public static String retryAfter(Duration wait) {
    return Long.toString(seconds(wait));
  }

  private static long seconds(Duration wait) {
    return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
  }

  private record Failures(int count, Instant last, Instant lockedUntil) {}
}
