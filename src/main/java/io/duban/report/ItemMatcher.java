package io.duban.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Matches free text to plan items: BM25 over an in-memory Lucene index of leaf titles and bodies,
 * analysed with {@link SmartChineseAnalyzer} (words) and {@link CJKAnalyzer} (character bigrams,
 * which survive abbreviations and segmentation that differs between a short message and the plan's
 * prose), scores boosted toward the sender's unit's items. Titles of the sections above an item
 * count with half weight, and words common across plans ({@link PlanWords}) weigh less. It picks an
 * item only when it is clearly ahead by this plan's measure ({@link Calibration}, taken when the
 * index is built), on a word the runner-up does not have, and the message does not name a second
 * item; otherwise it returns candidates for the bot to ask. Immutable and thread-safe; build a new
 * one when the catalogue changes.
 */
final class ItemMatcher {

  /** The chosen item, or null when none is clearly ahead, and the ranked candidates. */
  record Match(String chosen, List<Candidate> candidates) {}

  /**
   * What this plan's scores look like, measured when the index is built: {@code unit} is the median
   * score an item gets from one word of its own title (a message naming it by one word), {@code
   * minScore} and {@code leadRatio} the decisions derived from it and from how far each item's own
   * title puts it ahead of the nearest other item.
   */
  record Calibration(double unit, double minScore, double leadRatio) {}

  /** Words of reporting itself, which say nothing about which item is meant. */
  private static final Set<String> REPORTING_WORDS =
      Set.of(
          "进度", "进展", "完成", "已", "本周", "目前", "工作", "推进", "情况", "正在", "中", "项目", "约", "率", "任务",
          "已经", "本项", "开展", "有序", "稳步", "按", "计划", "的", "了", "和", "及", "与", "在");

  private static final String CODE = "code";
  private static final String TITLE = "title";
  private static final String BODY = "body";
  private static final String CONTEXT = "context";
  private static final String TITLE_GRAMS = "title_grams";
  private static final String BODY_GRAMS = "body_grams";
  private static final String CONTEXT_GRAMS = "context_grams";

  /** Weight of a match in the titles of the sections above an item, relative to its body. */
  private static final float CONTEXT_WEIGHT = 0.5f;

  private final Analyzer words = new SmartChineseAnalyzer();
  private final Analyzer grams = new CJKAnalyzer();
  private final IndexSearcher searcher;
  // the item code of each document, by document number
  private final String[] codes;
  private final Map<String, String> titles;
  private final Map<String, Set<String>> itemTerms = new HashMap<>();
  // how many items have each term
  private final Map<String, Integer> itemsWith = new HashMap<>();
  private final MatcherSettings settings;
  private final PlanWords common;
  private final Calibration calibration;

  ItemMatcher(Collection<CatalogueItem> leaves, MatcherSettings settings) {
    this(leaves, item -> "", settings, PlanWords.NONE);
  }

  /**
   * Indexes {@code leaves}.
   *
   * @param context the titles of the sections above an item, matched with less weight
   * @param common how common words are across plans, to weigh stock phrases down
   */
  ItemMatcher(
      Collection<CatalogueItem> leaves,
      Function<CatalogueItem, String> context,
      MatcherSettings settings,
      PlanWords common) {
    this.settings = settings;
    this.common = common;
    this.titles =
        leaves.stream()
            .collect(Collectors.toMap(CatalogueItem::code, CatalogueItem::title, (a, b) -> a));
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Analyzer perField =
        new PerFieldAnalyzerWrapper(
            words, Map.of(TITLE_GRAMS, grams, BODY_GRAMS, grams, CONTEXT_GRAMS, grams));
    IndexWriterConfig config = new IndexWriterConfig(perField).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (CatalogueItem item : leaves) {
        Document doc = new Document();
        doc.add(new StringField(CODE, item.code(), Field.Store.YES));
        String body = item.body() == null ? "" : item.body();
        String above = context.apply(item);
        doc.add(new TextField(TITLE, item.title(), Field.Store.NO));
        doc.add(new TextField(BODY, body, Field.Store.NO));
        doc.add(new TextField(TITLE_GRAMS, item.title(), Field.Store.NO));
        StringBuilder all = new StringBuilder(item.title()).append('\n').append(body);
        for (String alias : item.aliases()) {
          doc.add(new TextField(TITLE, alias, Field.Store.NO));
          doc.add(new TextField(TITLE_GRAMS, alias, Field.Store.NO));
          all.append('\n').append(alias);
        }
        doc.add(new TextField(BODY_GRAMS, body, Field.Store.NO));
        doc.add(new TextField(CONTEXT, above, Field.Store.NO));
        doc.add(new TextField(CONTEXT_GRAMS, above, Field.Store.NO));
        all.append('\n').append(above);
        Set<String> terms = new HashSet<>(tokens(words, all.toString()));
        terms.addAll(tokens(grams, all.toString()));
        itemTerms.put(item.code(), terms);
        writer.addDocument(doc);
      }
      writer.commit();
      itemTerms.values().forEach(terms -> terms.forEach(t -> itemsWith.merge(t, 1, Integer::sum)));
      DirectoryReader reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      StoredFields stored = reader.storedFields();
      codes = new String[reader.maxDoc()];
      for (int doc = 0; doc < codes.length; doc++) {
        codes[doc] = stored.document(doc).get(CODE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the plan items", e);
    }
    this.calibration = calibrate(leaves);
  }

  Calibration calibration() {
    return calibration;
  }

  /**
   * Ranks the items for {@code text}.
   *
   * @param preferred codes the sender's unit leads or supports, boosted
   * @param within codes to choose from (all leaves when empty)
   */
  Match match(String text, Set<String> preferred, Collection<String> within) {
    List<Candidate> ranked = rank(text, preferred, within, RANKED);
    if (ranked.isEmpty() || ranked.get(0).score() < calibration.minScore()) {
      return new Match(null, top(ranked));
    }
    Candidate best = ranked.get(0);
    List<Candidate> contenders =
        ranked.stream().filter(c -> c.score() * calibration.leadRatio() > best.score()).toList();
    if (contenders.size() == 1) {
      // Words both items share still point to the one the sender's unit works on.
      boolean ownUnit =
          preferred.contains(best.code())
              && (ranked.size() < 2 || !preferred.contains(ranked.get(1).code()));
      boolean clear = (ownUnit || ownEvidence(text, ranked)) && !namesAnother(text, ranked);
      return new Match(clear ? best.code() : null, top(ranked));
    }
    // Among close contenders, the one item of the sender's own unit is what they mean.
    List<Candidate> own = contenders.stream().filter(c -> preferred.contains(c.code())).toList();
    return new Match(own.size() == 1 ? own.get(0).code() : null, top(ranked));
  }

  /**
   * True when some matched word or bigram of {@code text} is the best item's and not the
   * runner-up's: a lead made only of words both items have (平台建设 where both speak of 平台) is a
   * matter of weighting, not evidence, and the bot asks.
   */
  private boolean ownEvidence(String text, List<Candidate> ranked) {
    if (ranked.size() < 2) {
      return true;
    }
    Set<String> best = itemTerms.getOrDefault(ranked.get(0).code(), Set.of());
    Set<String> other = itemTerms.getOrDefault(ranked.get(1).code(), Set.of());
    Set<String> matched = new LinkedHashSet<>(terms(words, text));
    matched.addAll(terms(grams, text));
    return matched.stream().anyMatch(t -> best.contains(t) && !other.contains(t));
  }

  /**
   * True when {@code text} joins two things and one of them is named only by another item than the
   * best (党建和理论学习两块: 党建 is only in another item): the message is about two items, and the bot asks.
   */
  private boolean namesAnother(String text, List<Candidate> ranked) {
    return COORDINATION.matcher(text).find() && !otherNames(text, ranked.get(0).code()).isEmpty();
  }

  /** Words that join two things in one message (A和B, A、B, 两块). */
  private static final Pattern COORDINATION = Pattern.compile("[和及与、]|以及|还有|两[块项个方面]");

  /**
   * The words of {@code text} that name another item than {@code best}: words of two characters or
   * more, not stock phrases across plans, that the best item does not have and exactly one other
   * item of this plan has.
   */
  List<String> otherNames(String text, String best) {
    Set<String> own = itemTerms.getOrDefault(best, Set.of());
    List<String> names = new ArrayList<>();
    for (String term : terms(words, text)) {
      if (term.length() < 2 || own.contains(term) || common.wordWeight(term) < NAME_WEIGHT) {
        continue;
      }
      if (itemsWith.getOrDefault(term, 0) == 1) {
        names.add(term);
      }
    }
    return names;
  }

  /** A word weighs at least this much across plans to name an item on its own. */
  static final double NAME_WEIGHT = 0.5;

  /**
   * Measures the plan: every word of every item's title is searched on its own, as a message naming
   * the item by that one word would be, and each title whole against the other items. A plan of
   * more than {@link #CALIBRATION_SAMPLE} items is measured on that many spread evenly through it:
   * the medians hardly move, and each whole title is a search over every item.
   */
  private Calibration calibrate(Collection<CatalogueItem> leaves) {
    List<Double> single = new ArrayList<>();
    List<Double> leads = new ArrayList<>();
    List<CatalogueItem> all = List.copyOf(leaves);
    int step = Math.max(1, (all.size() + CALIBRATION_SAMPLE - 1) / CALIBRATION_SAMPLE);
    for (int i = 0; i < all.size(); i += step) {
      CatalogueItem item = all.get(i);
      for (String word : terms(words, item.title())) {
        rank(word, Set.of(), List.of(item.code()), 1).stream()
            .findFirst()
            .ifPresent(c -> single.add(c.score()));
      }
      List<Candidate> ranked = rank(item.title(), Set.of(), List.of(), 2);
      if (ranked.size() > 1 && ranked.get(0).code().equals(item.code())) {
        leads.add(ranked.get(0).score() / Math.max(ranked.get(1).score(), 1e-6));
      }
    }
    double unit = median(single);
    if (unit <= 0) {
      return new Calibration(0, Double.POSITIVE_INFINITY, settings.leadRatio());
    }
    // Where items' own titles lead their neighbours by little, a message cannot lead by more.
    double lead =
        leads.isEmpty()
            ? settings.leadRatio()
            : Math.max(MIN_LEAD, Math.min(settings.leadRatio(), Math.sqrt(median(leads))));
    return new Calibration(unit, unit * settings.minShare(), lead);
  }

  /** At most this many items are searched to measure a plan. */
  static final int CALIBRATION_SAMPLE = 500;

  /** The least lead over the runner-up any plan needs for its best item to be chosen. */
  static final double MIN_LEAD = 1.2;

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * How many items a message's ranking holds: the decisions look at the first two and the
   * candidates listed ({@link MatcherSettings#maxCandidates()}), so any more only cost time.
   */
  private static final int RANKED = 16;

  /** Every item matching {@code text}, best first (for studying the matcher). */
  List<Candidate> ranked(String text) {
    return rank(text, Set.of(), List.of(), Math.max(1, codes.length));
  }

  private List<Candidate> top(List<Candidate> ranked) {
    if (ranked.isEmpty()) {
      return ranked;
    }
    double floor = ranked.get(0).score() * settings.candidateFloor();
    return ranked.stream()
        .filter(c -> c.score() > 0 && c.score() >= floor)
        .limit(settings.maxCandidates())
        .toList();
  }

  /**
   * The items matching {@code text}, best first: the best {@code limit} of all (or of {@code
   * within}), and the best {@code limit} of the sender's unit's, whose boost can lift them above
   * others; so the first {@code limit} are exactly those a ranking of every item would put first.
   */
  private List<Candidate> rank(
      String text, Set<String> preferred, Collection<String> within, int limit) {
    Query query = query(text);
    if (query == null) {
      return List.of();
    }
    Map<String, Hit> found = new HashMap<>();
    collect(found, query, within, preferred, limit);
    if (!preferred.isEmpty() && settings.unitBoost() != 1.0) {
      Collection<String> own =
          within.isEmpty() ? preferred : preferred.stream().filter(within::contains).toList();
      if (!own.isEmpty()) {
        collect(found, query, own, preferred, limit);
      }
    }
    return found.values().stream().sorted(Hit.BEST_FIRST).map(Hit::candidate).toList();
  }

  /**
   * One item found: ranked by its rounded (and boosted) score, ties as the index ranks them (by
   * unboosted score, then in the plan's order).
   */
  private record Hit(Candidate candidate, float raw, int doc) {
    static final Comparator<Hit> BEST_FIRST =
        Comparator.comparingDouble((Hit h) -> h.candidate().score())
            .reversed()
            .thenComparing(Comparator.comparingDouble(Hit::raw).reversed())
            .thenComparingInt(Hit::doc);
  }

  /** The query for {@code text}'s words and bigrams, or null when it has none. */
  private Query query(String text) {
    Set<String> wordTerms = terms(words, text);
    Set<String> gramTerms = terms(grams, text);
    if (wordTerms.isEmpty() && gramTerms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    addTerms(query, wordTerms, TITLE, BODY, CONTEXT, 1f, true);
    addTerms(
        query, gramTerms, TITLE_GRAMS, BODY_GRAMS, CONTEXT_GRAMS, settings.gramWeight(), false);
    return query.build();
  }

  /** Adds the best {@code limit} hits of {@code query} among {@code among} (all when empty). */
  private void collect(
      Map<String, Hit> found,
      Query query,
      Collection<String> among,
      Set<String> preferred,
      int limit) {
    try {
      for (ScoreDoc hit : searcher.search(within(query, among), limit).scoreDocs) {
        String code = codes[hit.doc];
        double boost = preferred.contains(code) ? settings.unitBoost() : 1.0;
        Candidate candidate = new Candidate(code, titles.get(code), round(hit.score * boost));
        found.putIfAbsent(code, new Hit(candidate, hit.score, hit.doc));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the plan items", e);
    }
  }

  /** {@code query} scored as it is, matching only the items {@code codes} (all when empty). */
  private static Query within(Query query, Collection<String> codes) {
    if (codes.isEmpty()) {
      return query;
    }
    List<BytesRef> terms = codes.stream().map(BytesRef::new).toList();
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(new TermInSetQuery(CODE, terms), BooleanClause.Occur.FILTER)
        .build();
  }

  private void addTerms(
      BooleanQuery.Builder query,
      Set<String> terms,
      String title,
      String body,
      String context,
      float weight,
      boolean wordTerms) {
    for (String term : terms) {
      float w = weight * (float) (wordTerms ? common.wordWeight(term) : common.gramWeight(term));
      query.add(
          new BoostQuery(new TermQuery(new Term(title, term)), w * settings.titleBoost()),
          BooleanClause.Occur.SHOULD);
      query.add(new BoostQuery(new TermQuery(new Term(body, term)), w), BooleanClause.Occur.SHOULD);
      query.add(
          new BoostQuery(new TermQuery(new Term(context, term)), w * CONTEXT_WEIGHT),
          BooleanClause.Occur.SHOULD);
    }
  }

  /** The words of {@code text} that can tell items apart. */
  Set<String> terms(String text) {
    return terms(words, text);
  }

  private static Set<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = tokens(analyzer, text);
    terms.removeIf(t -> REPORTING_WORDS.contains(t) || t.chars().allMatch(Character::isDigit));
    return terms;
  }

  /** Every distinct token {@code analyzer} makes of {@code text}, in order. */
  static Set<String> tokens(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
