package io.duban.report;

import io.duban.report.LabelledCorpus.Example;
import java.util.List;
import java.util.Set;

/** The parser over the seed plan and the labelled corpus, for the benchmark in {@code bench}. */
public final class UnderstandingProbe {

  private final ReportParser parser = SeedCatalogue.parser();
  private final List<Example> examples = LabelledCorpus.examples();

  private UnderstandingProbe() {}

  public static UnderstandingProbe overSeedPlan() {
    return new UnderstandingProbe();
  }

  public List<String> texts() {
    return examples.stream().map(Example::text).toList();
  }

  /** Understands one message as an unknown sender would be understood. */
  public Object understand(String text) {
    return parser.parse(text, Set.of());
  }

  /** The examples whose parse differs from their label, described. */
  public List<String> wrong() {
    return examples.stream()
        .filter(e -> !e.sameLabels(Example.of(e.text(), parser.parse(e.text(), Set.of()))))
        .map(Example::toString)
        .toList();
  }

  public double accuracy() {
    return 1.0 - (double) wrong().size() / examples.size();
  }
}
