package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every path answers with the security headers, whichever chain serves it (the API description and
 * Swagger UI included), HSTS exactly when a trusted proxy reports https, and paths no chain names
 * are unknown.
 */
@DubanSpringTest
class SecurityHeadersTest {

  @Autowired WebTestClient web;

  @Value("${local.server.port}")
  int port;

  @Test
  void everyPathCarriesTheSecurityHeaders() {
    List<String> paths =
        List.of(
            "/api-docs",
            "/swagger-ui/index.html",
            "/webjars/swagger-ui/index.html",
            "/v3/api-docs",
            "/api/v1/plan/items",
            "/actuator/health",
            "/callbacks/generic/local",
            "/dashboard/login",
            "/dashboard/assets/dashboard.css",
            "/charts/unknown.png",
            "/no/such/path");
    for (String path : paths) {
      HttpHeaders headers =
          web.get().uri(path).exchange().expectBody().returnResult().getResponseHeaders();
      assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(headers.getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(headers.getFirst("Referrer-Policy")).as(path).isEqualTo("same-origin");
      assertThat(headers.getFirst("Content-Security-Policy"))
          .as(path)
          .contains("frame-ancestors 'none'");
      assertThat(headers.getFirst("Strict-Transport-Security")).as(path + " over http").isNull();
    }
  }

  @Test
  void aFormThatCannotBeDecodedIsRefusedWithTheSecurityHeadersToo() {
    // answered by UnreadableForms before any security chain runs
    web.post()
        .uri("/dashboard/login")
        .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
        .bodyValue("login=%zz&password=%")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("Content-Security-Policy", SecurityHeaders.DATA)
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("表单内容无法解析"));
  }

  @Test
  void swaggerUiStaysOpenAndAnUnknownPathIsNotFound() {
    web.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    web.get()
        .uri("/no/such/path")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void hstsIsSentWhenATrustedProxyReportsHttps() {
    for (String path : List.of("/webjars/swagger-ui/index.html", "/api/v1/plan/items")) {
      ProxiedClient.proxy(port)
          .get()
          .uri(path)
          .header("X-Forwarded-Proto", "https")
          .exchange()
          .expectHeader()
          .value(
              "Strict-Transport-Security",
              hsts -> assertThat(hsts).as(path).contains("max-age=31536000"));
    }
  }
}
