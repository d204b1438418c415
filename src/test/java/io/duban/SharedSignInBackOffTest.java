package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.security.ProxiedClient;
import io.duban.security.SignInForm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sign-in failures are counted in PostgreSQL, for every instance at once: guesses spread over two
 * instances behind one proxy lock the account (and a source) out on both, a right password during
 * the lockout gets the answer a wrong one gets, the lockout lifts once its time has passed by the
 * database's clock, and a right password then lets the account start afresh.
 */
class SharedSignInBackOffTest {

  private static final Duration LOCKOUT = Duration.ofSeconds(8);
  private static final String ADMIN = "Bearer process-admin-token";

  @Test
  void guessesSpreadOverTwoInstancesLockOutOnBothUntilTheLockoutHasPassed() throws Exception {
    String database = TestDatabase.createAnother("backoff");
    List<String> properties =
        List.of(
            "--duban.security.trusted-proxies=" + ProxiedClient.PROXY,
            "--duban.security.sign-in.lockout=" + LOCKOUT.toSeconds() + "s",
            "--duban.security.sign-in.max-lockout=" + LOCKOUT.toSeconds() + "s");
    try (ServiceProcess a = new ServiceProcess("backoff-a", database, properties);
        ServiceProcess b = new ServiceProcess("backoff-b", database, properties)) {
      a.start();
      b.start();
      WebTestClient toA = ProxiedClient.proxy(a.port());
      WebTestClient toB = ProxiedClient.proxy(b.port());
      toA.post()
          .uri("/api/v1/accounts")
          .header("Authorization", ADMIN)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              Map.of(
                  "login", "he.kezhang",
                  "displayName", "何科长",
                  "roles", List.of("LEADER"),
                  "password", "He-pass-2024"))
          .exchange()
          .expectStatus()
          .isCreated();

      // five wrong passwords from five addresses, taking turns between the instances
      long lockedAt = 0;
      for (int i = 0; i < 5; i++) {
        lockedAt = System.nanoTime();
        var wrong = password(i % 2 == 0 ? toA : toB, "guess-" + i, "203.0.113." + (10 + i));
        assertThat(wrong.getResponseHeaders().getLocation())
            .as("failure %d", i)
            .hasToString("/dashboard/login?error");
      }
      var right = password(toB, "He-pass-2024", "203.0.113.50");
      var wrong = password(toA, "guess-5", "203.0.113.51");
      for (var refused : List.of(right, wrong)) {
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After")))
            .isBetween(1L, LOCKOUT.toSeconds());
        assertThat(refused.getResponseBody()).contains("登录失败次数过多");
      }
      assertThat(right.getResponseBody().replaceAll("\\d+", "N"))
          .as("a right password is answered as a wrong one")
          .isEqualTo(wrong.getResponseBody().replaceAll("\\d+", "N"));

      // the lockout lifts by itself once its time has passed
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      EntityExchangeResult<String> retry;
      do {
        Thread.sleep(250); // waiting on another process's database clock; no clock to move here
        retry = password(toB, "He-pass-2024", "203.0.113.52");
      } while (retry.getStatus().value() == 429 && System.nanoTime() < deadline);
      assertThat(retry.getResponseHeaders().getLocation()).hasToString("/dashboard");
      assertThat(Duration.ofNanos(System.nanoTime() - lockedAt)).isGreaterThanOrEqualTo(LOCKOUT);

      // that right password let the account start afresh: four guesses later it still signs in
      for (int i = 0; i < 4; i++) {
        var again = password(i % 2 == 0 ? toB : toA, "again-" + i, "203.0.113." + (60 + i));
        assertThat(again.getResponseHeaders().getLocation()).hasToString("/dashboard/login?error");
      }
      assertThat(password(toA, "He-pass-2024", "203.0.113.70").getResponseHeaders().getLocation())
          .hasToString("/dashboard");

      // wrong bearer tokens from one address over both instances lock that address out on both
      String attacker = "198.51.100.23";
      for (int i = 0; i < 5; i++) {
        api(i % 2 == 0 ? toA : toB, attacker, "Bearer guessed-" + i)
            .expectStatus()
            .isUnauthorized();
      }
      for (WebTestClient to : List.of(toA, toB)) {
        api(to, attacker, ADMIN)
            .expectStatus()
            .isEqualTo(429)
            .expectBody()
            .jsonPath("$.error")
            .isEqualTo("TOO_MANY_FAILURES");
      }
      api(toB, "198.51.100.24", ADMIN).expectStatus().isOk();
    }
  }

  private static EntityExchangeResult<String> password(
      WebTestClient to, String password, String from) {
    return SignInForm.post(
        to, SignInForm.fields("login", "he.kezhang", "password", password), from);
  }

  private static WebTestClient.ResponseSpec api(WebTestClient to, String from, String auth) {
    return to.get()
        .uri("/api/v1/accounts")
        .header("X-Forwarded-For", from)
        .header("Authorization", auth)
        .exchange();
  }
}
