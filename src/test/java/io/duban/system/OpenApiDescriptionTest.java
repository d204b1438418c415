package io.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The OpenAPI description says what every operation does and how to send the token. */
@DubanSpringTest
class OpenApiDescriptionTest {

  @Autowired WebTestClient web;

  Map<String, Object> document() {
    return web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyOperationHasAChineseSummary() {
    Map<String, Map<String, Map<String, Object>>> paths =
        (Map<String, Map<String, Map<String, Object>>>) document().get("paths");
    List<String> without = new ArrayList<>();
    int operations = 0;
    for (var path : paths.entrySet()) {
      for (var op : path.getValue().entrySet()) {
        operations++;
        Object summary = op.getValue().get("summary");
        if (!(summary instanceof String text) || !text.codePoints().anyMatch(c -> c > 0x4e00)) {
          without.add(op.getKey().toUpperCase() + " " + path.getKey());
        }
      }
    }
    assertThat(operations).isGreaterThan(25);
    assertThat(without).as("operations without a Chinese summary").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void describesTheBearerTokenScheme() {
    Map<String, Object> doc = document();
    Map<String, Object> scheme =
        ((Map<String, Map<String, Map<String, Object>>>) doc.get("components"))
            .get("securitySchemes")
            .get("token");
    assertThat(scheme)
        .containsEntry("type", "http")
        .containsEntry("scheme", "bearer")
        .containsEntry("bearerFormat", "API token");
    assertThat((String) scheme.get("description")).contains("令牌");
    assertThat((List<Map<String, Object>>) doc.get("security"))
        .containsExactly(Map.of("token", List.of()));
  }
}
