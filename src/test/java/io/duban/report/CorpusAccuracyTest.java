package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.LabelledCorpus.Example;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorpusAccuracyTest {

  @Test
  void understandsAtLeast97PercentOfTheLabelledCorpusWithAllFieldsRight() {
    ReportParser parser = SeedCatalogue.parser();
    List<Example> examples = LabelledCorpus.examples();
    List<String> wrong =
        examples.stream()
            .map(e -> new Example[] {e, Example.of(e.text(), parser.parse(e.text(), Set.of()))})
            .filter(pair -> !pair[0].sameLabels(pair[1]))
            .map(pair -> "expected " + pair[0] + "\n     got " + pair[1])
            .toList();

    double accuracy = 1.0 - (double) wrong.size() / examples.size();
    System.out.printf(
        "corpus accuracy %.3f (%d of %d wrong)%n", accuracy, wrong.size(), examples.size());
    wrong.forEach(System.out::println);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(200);
    assertThat(accuracy).as(String.join("\n", wrong)).isGreaterThanOrEqualTo(0.97);
  }
}
