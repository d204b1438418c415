package io.duban.report;

import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import java.util.List;
import java.util.Objects;

/** The labelled messages of {@code report/corpus.tsv} and how a parse compares to a label. */
final class LabelledCorpus {

  /** One labelled message; null fields stand for "-" in the file. */
  record Example(
      String text,
      Intent intent,
      CommandKind command,
      String item,
      ReportStatus status,
      Integer percent) {

    /** The labelled fields, as the parser's result gives them, for comparison and messages. */
    static Example of(String text, Understanding u) {
      if (u instanceof Report r) {
        return new Example(text, Intent.REPORT, null, r.itemCode(), r.status(), r.percent());
      }
      if (u instanceof Understanding.Batch b) {
        return of(text, b.reports().get(0));
      }
      if (u instanceof Command c) {
        Report p = c.payload();
        return new Example(
            text,
            Intent.COMMAND,
            c.kind(),
            c.itemCode(),
            p == null ? null : p.status(),
            p == null ? null : p.percent());
      }
      return new Example(text, Intent.CHATTER, null, null, null, null);
    }

    boolean sameLabels(Example other) {
      return intent == other.intent
          && command == other.command
          && Objects.equals(item, other.item)
          && status == other.status
          && Objects.equals(percent, other.percent);
    }
  }

  private LabelledCorpus() {}

  static List<Example> examples() {
    return SeedCatalogue.lines("/report/corpus.tsv").stream()
        .map(
            line -> {
              String[] f = line.split("\t", -1);
              return new Example(
                  f[0],
                  Intent.valueOf(f[1]),
                  f[2].equals("-") ? null : CommandKind.valueOf(f[2]),
                  f[3].equals("-") ? null : f[3],
                  f[4].equals("-") ? null : ReportStatus.valueOf(f[4]),
                  f[5].equals("-") ? null : Integer.valueOf(f[5]));
            })
        .toList();
  }
}
