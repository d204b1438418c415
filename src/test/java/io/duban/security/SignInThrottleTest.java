package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two throttles on one database, as two instances behind a load balancer: failures counted on
 * either lock out on both. The database's clock judges lockouts, so instead of moving a clock the
 * tests age a key's row (every time in it moves back by the same amount).
 */
@DubanSpringTest
class SignInThrottleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired DatabaseClient db;

  private final SecurityProperties rules =
      new SecurityProperties(
          null,
          null,
          null,
          null,
          new SecurityProperties.SignIn(
              5, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1)));
  private SignInFailures failuresOfA;
  private SignInFailures failuresOfB;
  private SignInThrottle a;
  private SignInThrottle b;

  @BeforeEach
  void twoInstances() {
    failuresOfA = new SignInFailures(db, rules);
    failuresOfB = new SignInFailures(db, rules);
    a = new SignInThrottle(failuresOfA, Clock.systemUTC());
    b = new SignInThrottle(failuresOfB, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
    failuresOfA.stop();
    failuresOfB.stop();
  }

  @Test
  void failuresOnEitherInstanceLockASourceOutOnBothForALockoutThatDoubles() {
    String source = address();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal((i % 2 == 0 ? a : b).token(source, false))).as("failure %d", i).isEmpty();
    }
    assertThat(refusal(a.token(source, true))).hasValueSatisfying(about(Duration.ofMinutes(1)));
    assertThat(refusal(b.token(source, true))).hasValueSatisfying(about(Duration.ofMinutes(1)));
    assertThat(refusal(b.token(address(), true))).as("another source").isEmpty();
    assertThat(refusal(b.token(source, false))).as("a guess during the lockout").isPresent();
    assertThat(failures(SignInFailures.Key.source(source))).as("not counted").isEqualTo(5);

    age(source, Duration.ofSeconds(61));
    assertThat(refusal(b.token(source, false))).as("the sixth failure").isEmpty();
    assertThat(refusal(a.token(source, true))).hasValueSatisfying(about(Duration.ofMinutes(2)));
    age(source, Duration.ofMinutes(2).plusSeconds(1));
    assertThat(refusal(a.token(source, false))).isEmpty();
    assertThat(refusal(b.token(source, true))).hasValueSatisfying(about(Duration.ofMinutes(4)));
    age(source, Duration.ofMinutes(5));
    assertThat(refusal(b.token(source, false))).isEmpty();
    assertThat(refusal(a.token(source, true))).hasValueSatisfying(about(Duration.ofMinutes(8)));
    age(source, Duration.ofMinutes(9));
    assertThat(refusal(a.token(source, false))).isEmpty();
    assertThat(refusal(b.token(source, true)))
        .as("at most the longest")
        .hasValueSatisfying(about(Duration.ofMinutes(10)));
    age(source, Duration.ofMinutes(10).plusSeconds(1));
    assertThat(refusal(a.token(source, true))).isEmpty();
    assertThat(refusal(b.token(source, true))).isEmpty();
  }

  @Test
  void aSourceQuietForAnHourStartsAfreshAndItsRowIsSweptAway() {
    String source = address();
    for (int i = 0; i < 4; i++) {
      a.token(source, false).block(WAIT);
    }
    age(source, Duration.ofMinutes(61));
    b.token(source, false).block(WAIT);
    assertThat(refusal(a.token(source, true))).isEmpty();
    assertThat(failures(SignInFailures.Key.source(source))).isEqualTo(1);

    age(source, Duration.ofMinutes(61));
    String recent = address();
    a.token(recent, false).block(WAIT);
    assertThat(failuresOfB.sweep().block(WAIT)).isPositive();
    assertThat(failures(SignInFailures.Key.source(source))).as("swept").isZero();
    assertThat(failures(SignInFailures.Key.source(recent))).as("kept").isEqualTo(1);
  }

  @Test
  void aBurstOfParallelGuessesOverTwoInstancesIsCountedExactly() {
    String source = address();
    long tried =
        Flux.range(0, 200)
            .flatMap(
                i ->
                    (i % 2 == 0 ? a : b)
                        .token(source, false)
                        .thenReturn(true)
                        .onErrorResume(SignInRefused.class, refused -> Mono.just(false)),
                32)
            .filter(admitted -> admitted)
            .count()
            .block(WAIT);
    assertThat(tried).isEqualTo(5);
    assertThat(failures(SignInFailures.Key.source(source))).isEqualTo(5);
  }

  @Test
  void failuresFromManySourcesLockTheAccountAndTheRightPasswordIsRefusedThenToo() {
    String login = "guessed-" + ThreadLocalRandom.current().nextInt(1_000_000);
    for (int i = 0; i < 5; i++) {
      assertThat(refusal((i % 2 == 0 ? a : b).password(address(), login, false))).isEmpty();
    }
    String fresh = address();
    Optional<Duration> before = refusal(b.beforePassword(fresh, login));
    Optional<Duration> right = refusal(a.password(fresh, login, true));
    Optional<Duration> wrong = refusal(b.password(fresh, login, false));
    assertThat(before).hasValueSatisfying(about(Duration.ofMinutes(1)));
    assertThat(right).hasValueSatisfying(about(Duration.ofMinutes(1)));
    assertThat(wrong).hasValueSatisfying(about(Duration.ofMinutes(1)));
    assertThat(SignInThrottle.message(right.get()).replaceAll("\\d+", "N"))
        .isEqualTo(SignInThrottle.message(wrong.get()).replaceAll("\\d+", "N"));
    assertThat(failures(SignInFailures.Key.account(login)))
        .as("nothing tried is counted")
        .isEqualTo(5);
    assertThat(failures(SignInFailures.Key.source(fresh))).as("the wrong guess's source").isOne();
    assertThat(refusal(a.beforePassword(fresh, "someone-else"))).isEmpty();
  }

  @Test
  void aRightPasswordLetsTheAccountStartAfreshButNotTheSource() {
    String login = "forgetful-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String source = address();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(refusal(a.password(address(), login, false))).isEmpty();
      }
      assertThat(refusal(b.password(address(), login, true))).as("round %d", round).isEmpty();
    }
    assertThat(failures(SignInFailures.Key.account(login))).isZero();

    for (int i = 0; i < 4; i++) {
      a.password(source, login + "-other-" + i, false).block(WAIT);
    }
    assertThat(refusal(b.password(source, login, true))).isEmpty();
    assertThat(failures(SignInFailures.Key.source(source))).as("the source's count").isEqualTo(4);
  }

  @Test
  void loginsThatCannotBeStoredAsTypedAreCountedUnderTheirHash() {
    String source = address();
    String nul = "a\u0000b";
    String huge = "x".repeat(100_000);
    for (int i = 0; i < 5; i++) {
      a.password(address(), nul, false).block(WAIT);
      b.password(source, huge, false).block(WAIT);
    }
    assertThat(refusal(a.beforePassword(address(), nul))).isPresent();
    assertThat(refusal(a.beforePassword(address(), huge))).isPresent();
    assertThat(refusal(a.beforePassword(address(), "a b"))).isEmpty();
  }

  @Test
  void tellsHowLongToWaitInChinese() {
    assertThat(SignInThrottle.message(Duration.ofSeconds(59))).isEqualTo("登录失败次数过多，请 59 秒后再试。");
    assertThat(SignInThrottle.message(Duration.ofSeconds(61))).isEqualTo("登录失败次数过多，请 2 分钟后再试。");
    assertThat(SignInThrottle.retryAfter(Duration.ofMillis(1500))).isEqualTo("2");
  }

  /** A wait of {@code lockout} less the few seconds a busy machine takes between the statements. */
  private static java.util.function.Consumer<Duration> about(Duration lockout) {
    return wait -> assertThat(wait).isBetween(lockout.minusSeconds(10), lockout);
  }

  private static Optional<Duration> refusal(Mono<Void> attempt) {
    try {
      attempt.block(WAIT);
      return Optional.empty();
    } catch (SignInRefused refused) {
      return Optional.of(refused.waitFor());
    }
  }

  private static String address() {
    var random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
  }

  /** Moves every time of the source's row {@code by} into the past, as if that time had passed. */
  private void age(String source, Duration by) {
    db.sql(
            "UPDATE sign_in_failure SET last_failure_at = last_failure_at - make_interval(secs =>"
                + " CAST(:by AS float8)), locked_until = locked_until - make_interval(secs =>"
                + " CAST(:by AS float8)) WHERE kind = 'SOURCE' AND key = :key")
        .bind("by", by.toMillis() / 1000.0)
        .bind("key", source)
        .fetch()
        .rowsUpdated()
        .block(WAIT);
  }

  private int failures(SignInFailures.Key key) {
    return db.sql("SELECT failures FROM sign_in_failure WHERE kind = :kind AND key = :key")
        .bind("kind", key.kind().name())
        .bind("key", key.value())
        .map(row -> row.get("failures", Integer.class))
        .one()
        .defaultIfEmpty(0)
        .block(WAIT);
  }
}
