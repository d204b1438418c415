package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanDocuments;
import io.duban.plan.PlanItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * The table of how many plans use each word ({@code src/main/resources/report/plan-words.tsv}, read
 * by {@link PlanWords}). It is made from every test plan document under {@code
 * src/test/resources/plans/} that imports (through the real importer) and the seed plan. After
 * adding plan documents, regenerate it with
 *
 * <pre>
 * mvn -q -Dquick test -Dtest=PlanWordsTableTest -Dplanwords.write=true
 * </pre>
 *
 * and commit the table.
 */
class PlanWordsTableTest {

  static final Path TABLE = Path.of("src/main/resources/report/plan-words.tsv");

  @Test
  void stockPhrasesWeighLessThanTheWordsOfOneBureau() throws IOException {
    if (System.getProperty("planwords.write") != null) {
      Files.createDirectories(TABLE.getParent());
      Files.writeString(TABLE, table(), StandardCharsets.UTF_8);
    }
    PlanWords words = PlanWords.table();
    assertThat(words.plans()).isGreaterThanOrEqualTo(20);
    for (String stock : List.of("加快", "推进", "全面", "建设")) {
      assertThat(words.wordWeight(stock)).as(stock).isLessThan(0.6);
    }
    for (String specific : List.of("技改", "幼儿园", "养老", "督办")) {
      assertThat(words.wordWeight(specific)).as(specific).isGreaterThan(0.6);
    }
  }

  /** The table's text made from the plan documents, as committed. */
  static String table() {
    List<List<String>> plans = new ArrayList<>();
    for (Path description : PlanDocuments.descriptions()) {
      try {
        plans.add(PlanDocuments.items(description).stream().map(PlanWordsTableTest::text).toList());
      } catch (RuntimeException refused) {
        // a refusal case of the import corpus, not a plan
      }
    }
    plans.add(SeedCatalogue.items().stream().map(i -> i.title() + "\n" + i.body()).toList());
    Map<String, Integer> words = new TreeMap<>();
    Map<String, Integer> grams = new TreeMap<>();
    try (Analyzer w = new SmartChineseAnalyzer();
        Analyzer g = new CJKAnalyzer()) {
      for (List<String> plan : plans) {
        String text = String.join("\n", plan);
        count(ItemMatcher.tokens(w, text), words);
        count(ItemMatcher.tokens(g, text), grams);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
            "# How many plan documents use each word (w, SmartChinese) and character bigram (g),\n")
        .append("# over the test plan documents and the seed plan; made by PlanWordsTableTest\n")
        .append("# (mvn -q -Dquick test -Dtest=PlanWordsTableTest -Dplanwords.write=true).\n")
        .append("# Terms used by at most ")
        .append(PlanWords.SPECIFIC_PLANS)
        .append(" plans are left out: they keep their full weight.\n")
        .append("plans\t")
        .append(plans.size())
        .append('\n');
    append(out, "w", words);
    append(out, "g", grams);
    return out.toString();
  }

  private static String text(PlanItem item) {
    return item.title() + "\n" + (item.body() == null ? "" : item.body());
  }

  private static void count(Set<String> terms, Map<String, Integer> df) {
    terms.stream()
        .filter(t -> !t.chars().allMatch(Character::isDigit))
        .forEach(t -> df.merge(t, 1, Integer::sum));
  }

  private static void append(StringBuilder out, String kind, Map<String, Integer> df) {
    df.forEach(
        (term, n) -> {
          if (n > PlanWords.SPECIFIC_PLANS) {
            out.append(kind).append('\t').append(term).append('\t').append(n).append('\n');
          }
        });
  }
}
