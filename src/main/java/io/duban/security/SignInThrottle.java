package io.duban.security;

import io.duban.security.SignInFailures.Key;
import io.duban.security.SignInFailures.Locked;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Slows down the guessing of tokens and passwords: failed sign-ins (form or bearer) are counted per
 * source address, and a password sign-in also per account (so guesses spread over many addresses
 * still lock the account they aim at); a key that failed too often is refused every attempt, right
 * or wrong, for a lockout that doubles with each further failure ({@code duban.security.sign-in}),
 * and a right password lets its account start afresh. The counts are kept in PostgreSQL ({@link
 * SignInFailures}), so every instance behind a load balancer counts the same guesses and a restart
 * forgives nothing; deciding and counting are one statement, so a burst of parallel guesses is
 * counted exactly. Each check answers empty, or {@link SignInRefused} with the longest wait.
 * Refusals are logged as a summary ({@link RefusalSummary}).
 */
@Component
public class SignInThrottle {

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private final SignInFailures failures;
  private final RefusalSummary refusals;

  SignInThrottle(SignInFailures failures, Clock clock) {
    this.failures = failures;
    this.refusals =
        new RefusalSummary("Sign-in (too many failures)", log, clock, Duration.ofMinutes(1));
  }

  @PreDestroy
  void stop() {
    refusals.close();
  }

  /** Forgets every source's and account's failures, on every instance. */
  Mono<Void> forgetAll() {
    return failures.forgetAll().then();
  }

  /**
   * Records one attempt of {@code source} with a token that was {@code accepted} or not; refuses it
   * while the source is locked out, even with a valid token, so guesses cannot be tried out then.
   */
  public Mono<Void> token(String source, boolean accepted) {
    List<Key> keys = List.of(Key.source(source));
    return refuseIfAny(accepted ? failures.lockedFor(keys) : failures.fail(keys));
  }

  /**
   * Refuses a password sign-in whose source or account is locked out, without counting it: checked
   * before the costly password hash, so a locked-out source or account costs the service nothing.
   */
  public Mono<Void> beforePassword(String source, String login) {
    return refuseIfAny(failures.lockedFor(List.of(Key.source(source), Key.account(login))));
  }

  /**
   * Records a password sign-in whose password {@code matched} or not: a failure counts against the
   * source and the account (whichever is locked out refuses, and is not counted); a match is
   * refused while either is locked out, and otherwise lets the account start afresh.
   */
  public Mono<Void> password(String source, String login, boolean matched) {
    Key from = Key.source(source);
    Key account = Key.account(login);
    return refuseIfAny(
        matched ? failures.succeed(from, account) : failures.fail(List.of(from, account)));
  }

  private Mono<Void> refuseIfAny(Flux<Locked> locked) {
    return locked
        .doOnNext(l -> refusals.refused(l.key().toString()))
        .map(Locked::remaining)
        .reduce(BinaryOperator.maxBy(Comparator.<Duration>naturalOrder()))
        .flatMap(wait -> Mono.<Void>error(new SignInRefused(wait)));
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
}
