package io.duban.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How common a word or character bigram is across many plan documents of different bureaus: the
 * number of plans that use it, from {@code report/plan-words.tsv}. A word most plans use (加快, 推进,
 * 全面, 力争, 全市第一) says little about which item of one plan a message means, however rare it is among
 * that plan's few items, so its matches weigh less. The table is made from the test plan documents
 * by {@code PlanWordsTableTest} (see there how to regenerate it).
 */
final class PlanWords {

  static final String RESOURCE = "/report/plan-words.tsv";

  /** Below this many plans a word is taken as specific and keeps its full weight. */
  static final int SPECIFIC_PLANS = 2;

  /** The least weight a word keeps, however common it is. */
  static final double FLOOR = 0.15;

  /** No document frequencies: every word weighs 1 (tests of other behaviour). */
  static final PlanWords NONE = new PlanWords(0, Map.of(), Map.of());

  private static volatile PlanWords table;

  private final int plans;
  private final Map<String, Integer> words;
  private final Map<String, Integer> grams;

  PlanWords(int plans, Map<String, Integer> words, Map<String, Integer> grams) {
    this.plans = plans;
    this.words = Map.copyOf(words);
    this.grams = Map.copyOf(grams);
  }

  /** The table shipped with the application, read once. */
  static PlanWords table() {
    PlanWords t = table;
    if (t == null) {
      t = read();
      table = t;
    }
    return t;
  }

  int plans() {
    return plans;
  }

  /**
   * Weight of a word match: 1 for a word few plans use, falling with the share of plans using it.
   */
  double wordWeight(String word) {
    return weight(words.getOrDefault(word, 0));
  }

  /** Weight of a character-bigram match, as {@link #wordWeight}. */
  double gramWeight(String gram) {
    return weight(grams.getOrDefault(gram, 0));
  }

  private double weight(int df) {
    if (plans <= SPECIFIC_PLANS || df <= SPECIFIC_PLANS) {
      return 1.0;
    }
    double w = Math.log((double) plans / df) / Math.log((double) plans / SPECIFIC_PLANS);
    return Math.max(FLOOR, Math.min(1.0, w));
  }

  private static PlanWords read() {
    try (InputStream in = PlanWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return NONE;
      }
      int plans = 0;
      Map<String, Integer> words = new HashMap<>();
      Map<String, Integer> grams = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        switch (f[0]) {
          case "plans" -> plans = Integer.parseInt(f[1]);
          case "w" -> words.put(f[1], Integer.parseInt(f[2]));
          case "g" -> grams.put(f[1], Integer.parseInt(f[2]));
          default -> throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
        }
      }
      return new PlanWords(plans, words, grams);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
