package io.duban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service with no database configured: it starts its own, keeps what it acknowledged across
 * restarts and kills, and lets no one else in.
 */
class EmbeddedDefaultTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @AfterEach
  void noServerOutlivesTheTest() throws Exception {
    new EmbeddedDataDir(dataDir).stopLeftoverServer();
  }

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

  @Test
  void commitsAreDurableAndOnlyTheGeneratedPasswordFromTheDataDirectoryConnects() throws Exception {
    EmbeddedDataDir data = new EmbeddedDataDir(dataDir);
    try (ConfigurableApplicationContext app = start()) {
      assertThat(app.isActive()).isTrue();
      assertThat(Files.getPosixFilePermissions(data.passwordFile()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(dataDir))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.readString(data.pgData().resolve("pg_hba.conf")))
          .doesNotContainPattern("(?m)^[^#]*trust")
          .doesNotContainPattern("(?m)^[^#]*replication");

      String url = data.jdbcUrl();
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
          .as("no password")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guessed-password"))
          .as("a wrong password")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      Properties replication = new Properties();
      replication.setProperty("user", "postgres");
      replication.setProperty("password", data.password());
      replication.setProperty("replication", "true");
      replication.setProperty("preferQueryMode", "simple");
      // without it the driver leaves the replication request out of the start-up packet
      replication.setProperty("assumeMinServerVersion", "9.4");
      assertThatThrownBy(() -> DriverManager.getConnection(url, replication))
          .as("physical replication, even with the password")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no pg_hba.conf entry for replication connection");

      try (Connection c = data.connect();
          var statement = c.createStatement()) {
        assertThat(setting(statement, "fsync")).isEqualTo("on");
        assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
        assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
        assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(setting(statement, "unix_socket_directories")).isEmpty();
      }
    }
  }

  @Test
  void startsAgainAfterASigkillWithWhatItAcknowledged() throws Exception {
    EmbeddedDataDir data = new EmbeddedDataDir(dataDir);
    try (ServiceProcess service =
        new ServiceProcess("embedded-sigkill", "", List.of("--duban.db.data-dir=" + dataDir))) {
      service.start();
      HttpResponse<String> put =
          HTTP.send(
              request(service, "/api/v1/units/acknowledged-unit")
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"确认后仍在的科室\",\"kind\":\"DEPARTMENT\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
      long orphan = data.postmasterPid().orElseThrow();

      service.kill();
      assertThat(EmbeddedDataDir.alive(orphan))
          .as("the killed run's PostgreSQL outlives it")
          .isTrue();

      service.start();
      assertThat(EmbeddedDataDir.alive(orphan)).as("stopped by the next start").isFalse();
      assertThat(data.postmasterPid()).isPresent().get().isNotEqualTo(orphan);
      HttpResponse<String> get =
          HTTP.send(
              request(service, "/api/v1/units/acknowledged-unit").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).contains("确认后仍在的科室");
    }
  }

  private static HttpRequest.Builder request(ServiceProcess service, String path) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .header("Authorization", "Bearer process-admin-token");
  }

  private static String setting(java.sql.Statement statement, String name) throws SQLException {
    try (var rows = statement.executeQuery("show " + name)) {
      rows.next();
      return rows.getString(1);
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
