package io.duban;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a test can read from the data directory of a service on the embedded default: the running
 * server's port and PID ({@code postgres/postmaster.pid}) and the generated password.
 */
public final class EmbeddedDataDir {

  private final Path root;

  public EmbeddedDataDir(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path pgData() {
    return root.resolve("postgres");
  }

  public Path passwordFile() {
    return root.resolve("postgres-password");
  }

  public String password() throws IOException {
    return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
  }

  /** The PID of the server the lock file names, if there is a lock file. */
  public Optional<Long> postmasterPid() throws IOException {
    return lockFile().map(lines -> Long.parseLong(lines.get(0).strip()));
  }

  public int port() throws IOException {
    return Integer.parseInt(
        lockFile().orElseThrow(() -> new IllegalStateException("no server runs")).get(3).strip());
  }

  public String jdbcUrl() throws IOException {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/duban";
  }

  /** A connection with the generated password, as the service connects. */
  public Connection connect() throws IOException, SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", password());
  }

  /** Stops a server a failed test left behind, so it does not outlive the test's directory. */
  public void stopLeftoverServer() throws IOException, InterruptedException {
    Optional<ProcessHandle> server = postmasterPid().flatMap(ProcessHandle::of);
    if (server.isPresent() && alive(server.get().pid())) {
      server.get().destroy();
      try {
        server.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        server.get().destroyForcibly();
      }
    }
  }

  /** Whether the process runs (a zombie nothing has reaped yet does not). */
  public static boolean alive(long pid) throws IOException {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return true;
    }
    String text = Files.readString(stat, StandardCharsets.UTF_8);
    char state = text.charAt(text.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  private Optional<List<String>> lockFile() throws IOException {
    Path file = pgData().resolve("postmaster.pid");
    return Files.exists(file)
        ? Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }
}
