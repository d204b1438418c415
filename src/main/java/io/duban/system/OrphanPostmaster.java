package io.duban.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by a run of the service that was killed (SIGKILL, OOM killer,
 * power cut of the JVM only): its {@code postmaster.pid} would make the next start fail. It is
 * stopped (fast shutdown: its clients are gone with the killed JVM) before the new server starts.
 *
 * <p>Only called once zonky holds the data directory's lock file, which a live service keeps
 * locked: a server found then cannot belong to a running service.
 */
final class OrphanPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(90);

  private OrphanPostmaster() {}

  /** Stops the server a killed run left in {@code pgData}; clears a lock file no server holds. */
  static void stopIfAny(Path pgData, PostgresBinaries binaries) {
    Path pidFile = pgData.resolve("postmaster.pid");
    List<String> lines;
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + pidFile, e);
    }
    Optional<ProcessHandle> server = serverOf(lines, pgData);
    if (server.isEmpty()) {
      // a crashed server's lock file, or one whose PID now belongs to an unrelated process
      // (containers reuse small PIDs): PostgreSQL would refuse to start while it names a live PID
      log.warn("Removing the stale {} (no PostgreSQL server of this data directory runs)", pidFile);
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot remove the stale " + pidFile, e);
      }
      return;
    }
    long pid = server.get().pid();
    log.warn(
        "A PostgreSQL server (PID {}) left running by a killed run holds {}; stopping it",
        pid,
        pgData);
    var stop =
        binaries.run(
            "pg_ctl",
            List.of(
                "stop",
                "-D",
                pgData.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                Long.toString(STOP_LIMIT.toSeconds())),
            null,
            STOP_LIMIT.plusSeconds(10));
    // pg_ctl -w returns once the server has removed its lock file; the process may linger as a
    // zombie where nothing reaps orphans, so its PID is no test of being stopped
    if (!stop.succeeded()) {
      throw new IllegalStateException(
          "Cannot stop the PostgreSQL server (PID "
              + pid
              + ") left running in "
              + pgData
              + ": "
              + stop.output().strip());
    }
    log.info("Stopped the PostgreSQL server (PID {}) of the killed run", pid);
  }

  /**
   * The live process the lock file names, when it is a PostgreSQL server of this data directory
   * (the file's first line is the PID, its second the data directory).
   */
  private static Optional<ProcessHandle> serverOf(List<String> lines, Path pgData) {
    if (lines.size() < 2 || !sameDirectory(lines.get(1).strip(), pgData)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                    .orElse(false));
  }

  private static boolean sameDirectory(String named, Path pgData) {
    try {
      return Path.of(named).toRealPath().equals(pgData.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
