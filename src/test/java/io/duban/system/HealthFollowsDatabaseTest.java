package io.duban.system;

import io.duban.DubanApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Health is UP while the database answers and DOWN (503) as soon as it does not. */
class HealthFollowsDatabaseTest {

  @TempDir Path dataDir;

  @Test
  void healthTurnsDownWhenTheDatabaseStopsAnswering() throws Exception {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(DubanApplication.class)
            .run(
                "--server.port=0",
                "--duban.db.url=",
                "--duban.db.data-dir=" + dataDir,
                "--duban.security.admin-token=health-admin-token",
                "--logging.structured.format.console=")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      WebTestClient web =
          WebTestClient.bindToServer()
              .baseUrl("http://localhost:" + port)
              .responseTimeout(java.time.Duration.ofSeconds(60))
              .build();
      web.get()
          .uri("/actuator/health")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");

      app.getBean(DatabaseConfiguration.EmbeddedDatabaseHolder.class).database().close();

      web.get()
          .uri("/actuator/health")
          .exchange()
          .expectStatus()
          .isEqualTo(503)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("DOWN");
    }
  }
}
