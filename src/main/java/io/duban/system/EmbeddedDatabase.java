package io.duban.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: a private PostgreSQL whose files live under the data directory, so
 * data survives restarts and the SQL dialect is the same as in production.
 *
 * <p>It keeps what it acknowledged: fsync and synchronous commit are on (zonky's test defaults turn
 * both off). On this project's 2-core test machine that costs about half a millisecond per commit:
 * 3,000 single-row inserts, one connection, took 0.11-0.16 ms each with both off and 0.68 ms with
 * both on (about 1,480 commits a second); with 16 connections group commit keeps 3,440 inserts a
 * second against 5,240. Only the service connects: from 127.0.0.1 with a generated password kept in
 * {@code <data dir>/postgres-password} (see {@link PostgresAccess}). A server left running by a
 * killed run is stopped at start ({@link OrphanPostmaster}).
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "duban";
  // crash recovery after a kill replays the WAL before the server answers
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

  private final EmbeddedPostgres postgres;
  private final String password;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  static EmbeddedDatabase start(Path dataDir) {
    Path root = dataDir.toAbsolutePath();
    Path pgData = root.resolve("postgres");
    try {
      makePrivate(root);
      GeneratedSecret password = GeneratedSecret.readOrCreate(root.resolve("postgres-password"));
      PostgresBinaries binaries = new PostgresBinaries(root.resolve("postgres-binaries"));
      Files.createDirectories(binaries.workingDirectory());
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPgBinaryResolver(binaries)
              .setOverrideWorkingDirectory(binaries.workingDirectory().toFile())
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "127.0.0.1")
              // no Unix socket at all (pg_ctl hands these options to a shell, hence the quotes)
              .setServerConfig("unix_socket_directories", "''")
              .setConnectConfig("password", password.value())
              .setPGStartupWait(STARTUP_LIMIT)
              // runs after initdb and once zonky holds the data directory's lock, before the start
              .setDataDirectoryCustomizer(
                  directory -> {
                    OrphanPostmaster.stopIfAny(pgData, binaries);
                    PostgresAccess.apply(pgData, binaries, password);
                  })
              .start();
      EmbeddedDatabase db = new EmbeddedDatabase(postgres, password.value());
      db.createDatabaseIfMissing();
      log.info(
          "Embedded PostgreSQL started on 127.0.0.1:{} with data in {}; its password is in {}",
          postgres.getPort(),
          pgData,
          password.file());
      return db;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + pgData, e);
    }
  }

  /** The data directory holds the database, its password and the admin token: owner only. */
  private static void makePrivate(Path root) throws IOException {
    Files.createDirectories(root);
    if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
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
    return new DatabaseEndpoint(
        "127.0.0.1:" + postgres.getPort() + "/" + DATABASE, PostgresAccess.USER, password);
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      postgres.close();
    }
  }
}
