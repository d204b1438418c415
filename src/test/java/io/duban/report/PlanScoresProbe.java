package io.duban.report;

import io.duban.plan.PlanDocuments;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Prints the calibration and the scores of each corpus message, for studying the matcher. */
class PlanScoresProbe {

  @Test
  void print() throws Exception {
    if (System.getProperty("probe") == null) {
      return;
    }
    show(
        "seed",
        SeedCatalogue.items(),
        LabelledCorpus.examples().stream()
            .map(e -> new PlanMessageCorpusTest.Labelled(e, "seed"))
            .toList());
    for (Path corpus : PlanMessageCorpusTest.corpora().toList()) {
      String name = corpus.getFileName().toString().replaceAll("\\.tsv$", "");
      Path plan =
          PlanDocuments.descriptions().stream()
              .filter(p -> p.getFileName().toString().startsWith(name + "."))
              .findFirst()
              .orElseThrow();
      show(
          name,
          PlanDocuments.items(plan).stream().map(ItemUnderstanding::catalogueItem).toList(),
          PlanMessageCorpusTest.read(corpus));
    }
  }

  private void show(
      String name, List<CatalogueItem> items, List<PlanMessageCorpusTest.Labelled> ls) {
    ReportParser parser = new ReportParser(items, MatcherSettings.DEFAULTS);
    System.out.println(
        "== "
            + name
            + " leaves "
            + parser.catalogue().leaves().size()
            + " "
            + parser.matcher().calibration());
    for (PlanMessageCorpusTest.Labelled l : ls) {
      if (l.example().intent() == Intent.COMMAND) continue;
      ItemMatcher.Match m =
          parser
              .matcher()
              .match(ReportParser.clean(l.example().text()).folded(), Set.of(), List.of());
      List<Candidate> c = m.candidates();
      String top = c.isEmpty() ? "-" : c.get(0).code() + ":" + c.get(0).score();
      String second = c.size() < 2 ? "-" : c.get(1).code() + ":" + c.get(1).score();
      String ok =
          l.example().item() == null
              ? "?"
              : (!c.isEmpty() && c.get(0).code().equals(l.example().item()) ? "R" : "x");
      String other =
          c.isEmpty()
              ? ""
              : parser
                  .matcher()
                  .otherNames(ReportParser.clean(l.example().text()).folded(), c.get(0).code())
                  .toString();
      System.out.printf(
          "%s %-6s %-12s %-12s other=%s chosen=%s [%s] %s%n",
          ok,
          l.example().item(),
          top,
          second,
          other,
          m.chosen(),
          l.kind(),
          l.example().text().replace("\n", "/"));
    }
  }
}
