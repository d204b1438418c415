package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class ObservabilityTest {

  @Autowired WebTestClient web;

  @Test
  void describesTheApiInOpenApi() {
    web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.info.title")
        .isEqualTo("Duban (督办助手) API")
        .jsonPath("$.paths['/api/v1/plan/items']")
        .exists()
        .jsonPath("$.components.securitySchemes.token.scheme")
        .isEqualTo("bearer");
  }

  @Test
  void echoesASaneRequestIdAndReplacesAnInsaneOne() {
    web.get()
        .uri("/actuator/health")
        .header("X-Request-Id", "trace-42")
        .exchange()
        .expectHeader()
        .valueEquals("X-Request-Id", "trace-42");
    web.get()
        .uri("/actuator/health")
        .header("X-Request-Id", "bad id with spaces and /slashes")
        .exchange()
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f]{16}"));
  }

  @Test
  void exposesPrometheusMetricsToAdmins() {
    web.get()
        .uri("/actuator/prometheus")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains(
                        "jvm_memory_used_bytes",
                        "duban_outbox_backlog",
                        "duban_outbox_oldest_age_seconds",
                        "duban_outbox_dead"));
  }
}
