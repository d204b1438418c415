package io.duban.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A random secret kept in a file only the service's own OS user may read (mode 0600): generated on
 * first use, read back on every later start. The value itself is never logged; only the path is.
 *
 * @param file where the secret is kept
 * @param value the secret
 * @param created whether this start generated it
 */
public record GeneratedSecret(Path file, String value, boolean created) {

  private static final int MIN_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** The secret in {@code file}, generating and storing a new one when there is none yet. */
  public static GeneratedSecret readOrCreate(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      if (Files.exists(absolute)) {
        restrict(absolute);
        String kept = Files.readString(absolute, StandardCharsets.UTF_8).strip();
        if (kept.length() >= MIN_LENGTH) {
          return new GeneratedSecret(absolute, kept, false);
        }
      }
      String value = random();
      write(absolute, value);
      return new GeneratedSecret(absolute, value, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep a generated secret in " + absolute, e);
    }
  }

  /** 192 random bits, URL-safe Base64 (32 characters). */
  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Writes a temporary file created 0600 (no moment readable by others), then moves it in. */
  private static void write(Path file, String value) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    if (posix(file)) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      try {
        Files.createFile(temporary, ownerOnly);
      } catch (FileAlreadyExistsException raced) {
        throw new IOException("another process is writing " + file, raced);
      }
    }
    Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A kept file that others could read (copied in by hand, say) is made private again. */
  private static void restrict(Path file) throws IOException {
    if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String toString() {
    return "GeneratedSecret[file=" + file + ", created=" + created + "]";
  }
}
