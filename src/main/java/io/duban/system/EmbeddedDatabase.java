package io.duban.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: a private PostgreSQL whose files live under the data directory, so
 * data survives restarts and the SQL dialect is the same as in production.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "duban";

  private final EmbeddedPostgres postgres;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(pgData.getParent());
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
      EmbeddedDatabase db = new EmbeddedDatabase(postgres);
      db.createDatabaseIfMissing();
      log.info(
          "Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
      return db;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + pgData, e);
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      check.setString(1, DATABASE);
      try (var rows = check.executeQuery()) {
        if (!rows.next()) {
          try (var create = connection.createStatement()) {
            create.execute("create database " + DATABASE);
          }
        }
      }
    }
  }

  DatabaseEndpoint endpoint() {
    return new DatabaseEndpoint("localhost:" + postgres.getPort() + "/" + DATABASE, "postgres", "");
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      postgres.close();
    }
  }
}
