package io.duban;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class HealthTest {

  @Autowired WebTestClient web;

  @Test
  void healthIsUpWithoutATokenWhileTheDatabaseAnswers() {
    web.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void metricsNeedAnAdminToken() {
    web.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    web.get()
        .uri("/actuator/metrics")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get()
        .uri("/actuator/metrics")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
