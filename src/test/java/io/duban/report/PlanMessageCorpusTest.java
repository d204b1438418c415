package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanDocuments;
import io.duban.report.LabelledCorpus.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages written by hand for plans the matcher was not tuned on ({@code report/plans/*.tsv}, one
 * per test plan document), understood against the catalogue the real importer makes of that plan.
 * Free text must be right at least nine times in ten; a message stored against a wrong item, or a
 * request stored as a report, without asking fails the test; asking is allowed but counted.
 */
class PlanMessageCorpusTest {

  static final Path DIR = Path.of("src/test/resources/report/plans");

  /** One labelled message and the group it belongs to (coded, free, status, chatter). */
  record Labelled(Example example, String kind) {}

  /** How the parse of one message compares to its label. */
  enum Outcome {
    RIGHT,
    /** A report whose item is known was understood but the bot asks which item. */
    ASKED,
    /** Stored against a wrong item, or chatter stored as a report, without asking. */
    WRONG_STORED,
    /** Any other difference: dropped as chatter, wrong status or percent, needless question. */
    WRONG
  }

  /** The figures of one corpus, as the README reports them. */
  record Figures(
      String corpus,
      int messages,
      int codedRight,
      int coded,
      int freeRight,
      int free,
      int statusRight,
      int status,
      int chatterRight,
      int chatter,
      int asked,
      int wrongStored,
      List<String> misses) {

    double freeShare() {
      return free == 0 ? 1 : (double) freeRight / free;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: %d messages; coded %d/%d; free text %d/%d (%.0f%%); status/percent %d/%d;"
              + " chatter/commands %d/%d; asked %d; wrong without asking %d",
          corpus,
          messages,
          codedRight,
          coded,
          freeRight,
          free,
          freeShare() * 100,
          statusRight,
          status,
          chatterRight,
          chatter,
          asked,
          wrongStored);
    }
  }

  static Stream<Path> corpora() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpora")
  void understandsMessagesOnAPlanItWasNotTunedOn(Path corpus) {
    Figures figures = figures(corpus);
    System.out.println(figures);
    figures.misses().forEach(System.out::println);
    assertThat(figures.messages()).isGreaterThanOrEqualTo(40);
    assertThat(figures.free()).isGreaterThanOrEqualTo(20);
    assertThat(figures.wrongStored())
        .as("stored without asking:\n" + String.join("\n", figures.misses()))
        .isZero();
    assertThat(figures.freeShare())
        .as("free text:\n" + String.join("\n", figures.misses()))
        .isGreaterThanOrEqualTo(0.9);
  }

  static Figures figures(Path corpus) {
    String name = corpus.getFileName().toString().replaceAll("\\.tsv$", "");
    Path plan = PlanDocuments.DIR.resolve(planFile(name));
    List<CatalogueItem> items =
        PlanDocuments.items(plan).stream().map(ItemUnderstanding::catalogueItem).toList();
    ReportParser parser = new ReportParser(items, MatcherSettings.DEFAULTS);
    int[] right = new int[4];
    int[] total = new int[4];
    int asked = 0;
    int wrongStored = 0;
    List<String> misses = new ArrayList<>();
    List<Labelled> labelled = read(corpus);
    for (Labelled l : labelled) {
      Example got = Example.of(l.example().text(), parser.parse(l.example().text(), Set.of()));
      Outcome outcome = outcome(l.example(), got);
      int group = List.of("coded", "free", "status", "chatter").indexOf(l.kind());
      total[group]++;
      if (outcome == Outcome.RIGHT) {
        right[group]++;
        continue;
      }
      if (outcome == Outcome.ASKED) {
        asked++;
      } else if (outcome == Outcome.WRONG_STORED) {
        wrongStored++;
      }
      misses.add(outcome + " [" + l.kind() + "] expected " + l.example() + "\n     got " + got);
    }
    return new Figures(
        name,
        labelled.size(),
        right[0],
        total[0],
        right[1],
        total[1],
        right[2],
        total[2],
        right[3],
        total[3],
        asked,
        wrongStored,
        misses);
  }

  static Outcome outcome(Example expected, Example got) {
    if (expected.sameLabels(got)) {
      return Outcome.RIGHT;
    }
    boolean stored = got.intent() == Intent.REPORT && got.item() != null;
    if (stored && !got.item().equals(expected.item())) {
      return Outcome.WRONG_STORED;
    }
    if (expected.intent() == Intent.REPORT
        && got.intent() == Intent.REPORT
        && got.item() == null
        && expected.item() != null) {
      return Outcome.ASKED;
    }
    return Outcome.WRONG;
  }

  private static String planFile(String name) {
    return PlanDocuments.descriptions().stream()
        .map(p -> p.getFileName().toString())
        .filter(f -> f.startsWith(name + "."))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no plan document for corpus " + name));
  }

  static List<Labelled> read(Path corpus) {
    try {
      return Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("# "))
          .map(
              line -> {
                String[] f = line.split("\t", -1);
                Example e =
                    new Example(
                        f[0].replace("\\n", "\n"),
                        Intent.valueOf(f[1]),
                        f[2].equals("-") ? null : CommandKind.valueOf(f[2]),
                        f[3].equals("-") ? null : f[3],
                        f[4].equals("-") ? null : ReportStatus.valueOf(f[4]),
                        f[5].equals("-") ? null : Integer.valueOf(f[5]));
                return new Labelled(e, f[6]);
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
