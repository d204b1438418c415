package io.duban;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real service as a child JVM (the production main class, not a test context), so that a test
 * can kill it with SIGKILL and start it again. Its output goes to a file under {@code target/}.
 */
public final class ServiceProcess implements AutoCloseable {

  private final List<String> args;
  private final int port;
  private final Path log;
  private Process process;

  public ServiceProcess(String name, String databaseUrl, List<String> properties) {
    this.port = freePort();
    this.log = Path.of("target", name + ".log");
    List<String> all = new ArrayList<>();
    all.add("--server.port=" + port);
    all.add("--duban.db.url=" + databaseUrl);
    all.add("--duban.db.user=" + TestDatabase.user());
    if (properties.stream().noneMatch(p -> p.startsWith("--duban.security.admin-token="))) {
      all.add("--duban.security.admin-token=process-admin-token");
    }
    all.add("--logging.structured.format.console=");
    all.addAll(properties);
    this.args = List.copyOf(all);
  }

  public int port() {
    return port;
  }

  /** The running process's id. */
  public long pid() {
    return process.pid();
  }

  /** Everything the service wrote to standard output and error, across its starts. */
  public Path log() {
    return log;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the service and waits until it is ready. */
  public ServiceProcess start() throws IOException, InterruptedException {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                classPath,
                "io.duban.DubanApplication"));
    command.addAll(args);
    Files.createDirectories(log.getParent());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitReady(Duration.ofMinutes(3));
    return this;
  }

  /** SIGKILL: no shutdown hook, no draining, exactly like a power cut of the JVM. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady(Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited during start-up; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250); // polling a child process; there is no clock to move here
    }
    throw new IllegalStateException("the service was not ready within " + limit + "; see " + log);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
