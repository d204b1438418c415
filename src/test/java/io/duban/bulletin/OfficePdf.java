package io.duban.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Prints an office document to PDF with headless LibreOffice, as a person's printer would. */
public final class OfficePdf {

  private OfficePdf() {}

  public static byte[] print(byte[] document, String name) throws Exception {
    String soffice = soffice();
    Path dir = Files.createTempDirectory("bulletin-print");
    try {
      Path file = dir.resolve(name);
      Files.write(file, document);
      Process convert =
          new ProcessBuilder(
                  soffice,
                  "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                  "--headless",
                  "--convert-to",
                  "pdf",
                  "--outdir",
                  dir.toString(),
                  file.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(convert.getInputStream().readAllBytes());
      assertThat(convert.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
      Path pdf = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
      assertThat(pdf).as("soffice wrote a PDF: " + output).exists();
      return Files.readAllBytes(pdf);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Whether LibreOffice is installed, for a test that may do without printing. */
  public static boolean installed() {
    return command() != null;
  }

  private static String command() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("soffice", "libreoffice")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** LibreOffice's command, or a failure saying how to install it: CI installs it, never skip. */
  private static String soffice() {
    String command = command();
    if (command != null) {
      return command;
    }
    return fail(
        "The bulletin's print test needs LibreOffice Writer: apt-get install -y"
            + " libreoffice-writer-nogui fonts-noto-cjk (.ci/run installs it)");
  }
}
