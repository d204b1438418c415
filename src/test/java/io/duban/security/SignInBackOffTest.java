package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Wrong bearer tokens are counted per client address like wrong tokens typed into the form. */
@DubanSpringTest
class SignInBackOffTest {

  @Value("${local.server.port}")
  int port;

  @Test
  void afterFiveWrongBearerTokensTheSourceGets429EvenWithTheRightToken() {
    WebTestClient proxy = ProxiedClient.proxy(port);
    String attacker = "198.51.100.8";
    for (int i = 0; i < 5; i++) {
      proxy
          .get()
          .uri("/api/v1/plan/items")
          .header("X-Forwarded-For", attacker)
          .header("Authorization", "Bearer guessed-token-number-" + i)
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
    proxy
        .get()
        .uri("/api/v1/plan/items")
        .header("X-Forwarded-For", attacker)
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists("Retry-After")
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("TOO_MANY_FAILURES")
        .jsonPath("$.message")
        .value(message -> assertThat(message.toString()).contains("登录失败次数过多"));

    // a client that appends itself to a forged X-Forwarded-For is still counted as itself
    proxy
        .get()
        .uri("/api/v1/plan/items")
        .header("X-Forwarded-For", "203.0.113.99, " + attacker)
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isEqualTo(429);

    // others are not affected
    proxy
        .get()
        .uri("/api/v1/plan/items")
        .header("X-Forwarded-For", "198.51.100.10")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
