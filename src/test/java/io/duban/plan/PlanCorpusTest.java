package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports every test document under {@code src/test/resources/plans/} (each written in the shape of
 * a real published plan, named in its first line) and compares the outline with its reviewed {@code
 * .expected} file: year, title, every code and title, responsibilities, warnings, or the refusal
 * with its line.
 */
class PlanCorpusTest {

  static final Path DIR = Path.of("src/test/resources/plans");

  private final PlanDocumentParser parser = new PlanDocumentParser();

  static Stream<Path> documents() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void importsAsWritten(Path description) throws IOException {
    List<String> expected = expected(description);
    byte[] document = PlanDocumentWriter.document(description);
    if (expected.get(0).startsWith("error\t")) {
      assertThatThrownBy(() -> read(document, description))
          .isInstanceOf(PlanImportException.class)
          .hasMessage(expected.get(0).substring("error\t".length()));
      return;
    }
    List<String> actual = render(read(document, description));
    dump(description, actual);
    assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
  }

  @Test
  void everyDocumentNamesItsLayoutAndHasAReviewedOutline() throws IOException {
    List<Path> all = documents().toList();
    for (Path description : all) {
      String first = Files.readAllLines(description, StandardCharsets.UTF_8).get(0);
      assertThat(first).as(description.toString()).startsWith("# layout: ").contains("imitates");
      assertThat(expectedFile(description)).as(description + " has an outline").exists();
    }
    long plans = all.stream().filter(d -> !refusal(d)).count();
    assertThat(plans).as("documents that are plans").isGreaterThanOrEqualTo(20);
    assertThat(all.size() - plans).as("refusal cases").isGreaterThanOrEqualTo(3);
  }

  /** The share of the corpus imported exactly as reviewed; printed for the report. */
  @Test
  void readsAtLeastNineInTenDocumentsAsWritten() throws IOException {
    List<Path> all = documents().toList();
    List<String> wrong = new ArrayList<>();
    for (Path description : all) {
      try {
        importsAsWritten(description);
      } catch (AssertionError | RuntimeException e) {
        wrong.add(description.getFileName().toString());
      }
    }
    double share = (all.size() - wrong.size()) / (double) all.size();
    System.out.printf(
        "plan corpus: %d of %d documents read as written (%.0f%%); wrong: %s%n",
        all.size() - wrong.size(), all.size(), share * 100, wrong);
    assertThat(share).isGreaterThanOrEqualTo(0.9);
  }

  private PlanReading read(byte[] document, Path description) {
    return parser.read(DocumentText.of(document), null, description.getFileName().toString());
  }

  static List<String> render(PlanReading reading) {
    List<String> lines = new ArrayList<>();
    lines.add("year\t" + reading.plan().year());
    lines.add("title\t" + reading.plan().title());
    for (ParsedPlan.Item item : reading.plan().items()) {
      Responsibility r = reading.responsibilities().get(item.code());
      lines.add(item.code() + "\t" + item.title() + (r == null ? "" : "\t" + describe(r)));
    }
    reading.warnings().forEach(w -> lines.add("warning\t" + w));
    return lines;
  }

  static String describe(Responsibility r) {
    List<String> parts = new ArrayList<>();
    if (r.lead() != null) {
      parts.add("牵头 " + r.lead());
    }
    if (!r.supports().isEmpty()) {
      parts.add("配合 " + String.join("、", r.supports()));
    }
    if (r.leader() != null) {
      parts.add("领导 " + r.leader());
    }
    if (r.deadline() != null) {
      parts.add("时限 " + r.deadline());
    }
    return String.join("；", parts);
  }

  private static List<String> expected(Path description) throws IOException {
    return Files.readAllLines(expectedFile(description), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .toList();
  }

  static Path expectedFile(Path description) {
    String name =
        description
            .getFileName()
            .toString()
            .replaceAll("(\\.(docx|xlsx|pdf|bin|gb18030))?\\.txt$", "");
    return description.resolveSibling(name + ".expected");
  }

  private static boolean refusal(Path description) {
    try {
      return expected(description).get(0).startsWith("error\t");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** With -Dplans.dump, writes what was read beside the build output, for reviewing a document. */
  private static void dump(Path description, List<String> actual) throws IOException {
    if (System.getProperty("plans.dump") == null) {
      return;
    }
    Path out = Path.of("target/plans-actual", expectedFile(description).getFileName().toString());
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
  }
}
