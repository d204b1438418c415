package io.duban.security;

import io.duban.DubanSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
@TestPropertySource(
    properties = {"duban.callbacks.rate-limit.per-minute=1", "duban.callbacks.rate-limit.burst=3"})
class CallbackRateLimitTest {

  @Autowired WebTestClient web;

  @Test
  void answers429ToASourceBeyondItsBurstButNotToOtherPaths() {
    for (int i = 0; i < 3; i++) {
      web.get()
          .uri("/callbacks/generic/nobody")
          .exchange()
          .expectStatus()
          .value(status -> org.assertj.core.api.Assertions.assertThat(status).isNotEqualTo(429));
    }
    web.get()
        .uri("/callbacks/generic/nobody")
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .valueEquals("Retry-After", "1")
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("RATE_LIMITED");
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }
}
