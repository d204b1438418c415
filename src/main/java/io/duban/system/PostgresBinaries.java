package io.duban.system;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL programs of the embedded default, unpacked by zonky into a folder inside the
 * private data directory (not the shared {@code /tmp/embedded-pg}, where another local user could
 * plant programs of their own), and the way to run one of them.
 *
 * <p>zonky names that folder {@code PG-<md5 of the archive>}; this resolver hands zonky the archive
 * and notes its digest on the way, so the folder is known without guessing.
 */
final class PostgresBinaries implements PgBinaryResolver {

  private final Path workingDirectory;
  private volatile String digest;

  PostgresBinaries(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    InputStream archive =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    if (archive == null) {
      return null;
    }
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
    return new FilterInputStream(new DigestInputStream(archive, md5)) {
      @Override
      public void close() throws IOException {
        if (digest == null) {
          digest = HexFormat.of().formatHex(md5.digest());
        }
        super.close();
      }
    };
  }

  /** The program's path; only known once zonky has unpacked the archive. */
  Path program(String name) {
    if (digest == null) {
      throw new IllegalStateException("the PostgreSQL archive has not been unpacked yet");
    }
    Path program = workingDirectory.resolve("PG-" + digest).resolve("bin").resolve(name);
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException("no PostgreSQL program at " + program);
    }
    return program;
  }

  /**
   * Runs a PostgreSQL program to its end and answers its output. As root, zonky runs them in a user
   * namespace of their own ({@code unshare -U}) because PostgreSQL refuses to run as root; so does
   * this.
   */
  Run run(String name, List<String> arguments, String input, Duration limit) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(program(name).toString());
    command.addAll(arguments);
    Path output = null;
    try {
      // output goes to a file in the private folder, so a program that hangs cannot hang the read
      output = Files.createTempFile(workingDirectory, name, ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try (var stdin = process.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not finish within " + limit);
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + name, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a leftover output file in the private folder harms nothing
        }
      }
    }
  }

  /** How a program ended. */
  record Run(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }
}
