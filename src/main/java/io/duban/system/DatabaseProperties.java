package io.duban.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the store of record lives ({@code duban.db}). With no URL, Duban starts an embedded
 * PostgreSQL keeping its files under {@code dataDir}.
 *
 * @param url {@code postgresql://host:port/database} (from {@code DUBAN_DB_URL}); empty for the
 *     embedded default. A {@code jdbc:} or {@code r2dbc:} prefix is accepted and ignored.
 * @param user database user (from {@code DUBAN_DB_USER})
 * @param password database password (from {@code DUBAN_DB_PASSWORD}); never logged
 * @param dataDir where the embedded database keeps its files (from {@code DUBAN_DATA_DIR})
 * @param poolSize maximum R2DBC connections of one instance
 */
@ConfigurationProperties("duban.db")
public record DatabaseProperties(
    String url, String user, String password, Path dataDir, Integer poolSize) {

  public DatabaseProperties {
    url = url == null ? "" : url.trim();
    user = user == null || user.isBlank() ? "postgres" : user;
    password = password == null ? "" : password;
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    poolSize = poolSize == null ? 10 : poolSize;
  }

  boolean embedded() {
    return url.isEmpty();
  }

  @Override
  public String toString() {
    return "DatabaseProperties[url=" + url + ", user=" + user + ", dataDir=" + dataDir + "]";
  }
}
