package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service with no database configured: it starts its own and keeps data across restarts. */
class EmbeddedDefaultTest {

  @TempDir Path dataDir;

  @Test
  void startsOnTheEmbeddedDatabaseAndKeepsDataAcrossRestarts() {
    try (ConfigurableApplicationContext first = start()) {
      WebTestClient web = client(first);
      web.get()
          .uri("/actuator/health")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
      web.get()
          .uri("/api/v1/plan/items/1.1")
          .header("Authorization", "Bearer embedded-admin-token")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.title")
          .isEqualTo("加快科创园建设及创新资源集聚");
      web.put()
          .uri("/api/v1/units/kept-unit")
          .header("Authorization", "Bearer embedded-admin-token")
          .bodyValue(Map.of("name", "重启后仍在的科室", "kind", "DEPARTMENT"))
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

    try (ConfigurableApplicationContext second = start()) {
      client(second)
          .get()
          .uri("/api/v1/units/kept-unit")
          .header("Authorization", "Bearer embedded-admin-token")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.name")
          .isEqualTo("重启后仍在的科室");
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(DubanApplication.class)
        .run(
            "--server.port=0",
            "--duban.db.url=",
            "--duban.data-dir=unused",
            "--duban.db.data-dir=" + dataDir,
            "--duban.security.admin-token=embedded-admin-token");
  }

  private static WebTestClient client(ConfigurableApplicationContext context) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }
}
