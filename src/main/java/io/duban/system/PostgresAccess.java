package io.duban.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Who may connect to the embedded PostgreSQL: the superuser over TCP from 127.0.0.1 with the
 * generated password, nobody else (no Unix socket, no other address, no replication). zonky's
 * initdb trusts every local connection; both the rules and the password are set again before every
 * start, so a data directory made by an older version is closed too.
 */
final class PostgresAccess {

  static final String USER = "postgres";
  private static final Duration SINGLE_USER_LIMIT = Duration.ofMinutes(5);

  private PostgresAccess() {}

  /** Writes {@code pg_hba.conf} and gives the superuser {@code password}; the server is down. */
  static void apply(Path pgData, PostgresBinaries binaries, GeneratedSecret password) {
    writeRules(pgData, password.file());
    setPassword(pgData, binaries, password.value());
  }

  private static void writeRules(Path pgData, Path passwordFile) {
    String rules =
        "# Written by Duban before every start of the embedded PostgreSQL; edits are overwritten.\n"
            + "# TCP from 127.0.0.1 only, as "
            + USER
            + ", with the password kept in "
            + passwordFile
            + ".\n"
            + "# No line for Unix sockets, other addresses or replication: those are refused.\n"
            + "host  all  "
            + USER
            + "  127.0.0.1/32  scram-sha-256\n";
    try {
      Files.writeString(pgData.resolve("pg_hba.conf"), rules, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write pg_hba.conf in " + pgData, e);
    }
  }

  /**
   * Sets the password in single-user mode (no server running, nothing listening): the statement
   * goes in on standard input, never on a command line others could read in the process list, and a
   * failing statement is not echoed into the output.
   */
  private static void setPassword(Path pgData, PostgresBinaries binaries, String password) {
    var run =
        binaries.run(
            "postgres",
            List.of(
                "--single",
                "-D",
                pgData.toString(),
                "-c",
                "log_min_error_statement=panic",
                "-c",
                "password_encryption=scram-sha-256",
                "postgres"),
            "ALTER ROLE " + USER + " WITH PASSWORD '" + password.replace("'", "''") + "';\n",
            SINGLE_USER_LIMIT);
    String output = run.output().replace(password, "******");
    if (!run.succeeded() || output.contains("ERROR") || output.contains("FATAL")) {
      throw new IllegalStateException(
          "Cannot set the password of the embedded PostgreSQL: " + output.strip());
    }
  }
}
