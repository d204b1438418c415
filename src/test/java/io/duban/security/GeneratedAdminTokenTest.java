package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.ServiceProcess;
import io.duban.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no ADMIN token configured the service generates one into a file only its OS user can read
 * and writes that file's path, never the token, to its output (which is its log).
 */
class GeneratedAdminTokenTest {

  @TempDir Path dataDir;

  @Test
  void theGeneratedTokenGoesToAPrivateFileAndOnlyItsPathToTheLog() throws Exception {
    String database = TestDatabase.createAnother("token");
    try (ServiceProcess service =
        new ServiceProcess(
            "generated-admin-token",
            database,
            List.of("--duban.security.admin-token=", "--duban.db.data-dir=" + dataDir))) {
      service.start();
      Path file = dataDir.resolve("admin-token").toAbsolutePath();
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String token = Files.readString(file).strip();
      assertThat(token).hasSizeGreaterThanOrEqualTo(32);

      HttpResponse<String> units =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/units"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(units.statusCode())
          .as("the token from the file is the ADMIN token")
          .isEqualTo(200);

      String log = Files.readString(service.log());
      assertThat(log).contains(file.toString()).doesNotContain(token);
    }
  }
}
