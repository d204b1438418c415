package io.duban.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Matches free text to plan items: BM25 over an in-memory Lucene index of leaf titles and bodies,
 * analysed with {@link SmartChineseAnalyzer} (words) and {@link CJKAnalyzer} (character bigrams,
 * which survive abbreviations and segmentation that differs between a short message and the plan's
 * prose), scores boosted toward the sender's unit's items. It picks an item only when it is clearly
 * ahead; otherwise it returns candidates for the bot to ask. Immutable and thread-safe; build a new
 * one when the catalogue changes.
 */
final class ItemMatcher {

  /** The chosen item, or null when none is clearly ahead, and the ranked candidates. */
  record Match(String chosen, List<Candidate> candidates) {}

  /** Words of reporting itself, which say nothing about which item is meant. */
  private static final Set<String> REPORTING_WORDS =
      Set.of(
          "进度", "进展", "完成", "已", "本周", "目前", "工作", "推进", "情况", "正在", "中", "项目", "约", "率", "任务",
          "已经", "本项", "开展", "有序", "稳步", "按", "计划", "的", "了", "和", "及", "与", "在");

  private static final String CODE = "code";
  private static final String TITLE = "title";
  private static final String BODY = "body";
  private static final String TITLE_GRAMS = "title_grams";
  private static final String BODY_GRAMS = "body_grams";

  private final Analyzer words = new SmartChineseAnalyzer();
  private final Analyzer grams = new CJKAnalyzer();
  private final IndexSearcher searcher;
  private final Map<String, String> titles;
  private final MatcherSettings settings;

  ItemMatcher(Collection<CatalogueItem> leaves, MatcherSettings settings) {
    this.settings = settings;
    this.titles =
        leaves.stream()
            .collect(Collectors.toMap(CatalogueItem::code, CatalogueItem::title, (a, b) -> a));
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    Analyzer perField =
        new PerFieldAnalyzerWrapper(words, Map.of(TITLE_GRAMS, grams, BODY_GRAMS, grams));
    IndexWriterConfig config = new IndexWriterConfig(perField).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (CatalogueItem item : leaves) {
        Document doc = new Document();
        doc.add(new StringField(CODE, item.code(), Field.Store.YES));
        String body = item.body() == null ? "" : item.body();
        doc.add(new TextField(TITLE, item.title(), Field.Store.NO));
        doc.add(new TextField(BODY, body, Field.Store.NO));
        doc.add(new TextField(TITLE_GRAMS, item.title(), Field.Store.NO));
        for (String alias : item.aliases()) {
          doc.add(new TextField(TITLE, alias, Field.Store.NO));
          doc.add(new TextField(TITLE_GRAMS, alias, Field.Store.NO));
        }
        doc.add(new TextField(BODY_GRAMS, body, Field.Store.NO));
        writer.addDocument(doc);
      }
      writer.commit();
      searcher = new IndexSearcher(DirectoryReader.open(directory));
      searcher.setSimilarity(new BM25Similarity());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the plan items", e);
    }
  }

  /**
   * Ranks the items for {@code text}.
   *
   * @param preferred codes the sender's unit leads or supports, boosted
   * @param within codes to choose from (all leaves when empty)
   */
  Match match(String text, Set<String> preferred, Collection<String> within) {
    List<Candidate> ranked = rank(text, preferred, within);
    if (ranked.isEmpty() || ranked.get(0).score() < settings.minScore()) {
      return new Match(null, top(ranked));
    }
    Candidate best = ranked.get(0);
    List<Candidate> contenders =
        ranked.stream().filter(c -> c.score() * settings.leadRatio() > best.score()).toList();
    if (contenders.size() == 1) {
      return new Match(best.code(), top(ranked));
    }
    // Among close contenders, the one item of the sender's own unit is what they mean.
    List<Candidate> own = contenders.stream().filter(c -> preferred.contains(c.code())).toList();
    return new Match(own.size() == 1 ? own.get(0).code() : null, top(ranked));
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

  private List<Candidate> rank(String text, Set<String> preferred, Collection<String> within) {
    Set<String> wordTerms = terms(words, text);
    Set<String> gramTerms = terms(grams, text);
    if (wordTerms.isEmpty() && gramTerms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    addTerms(query, wordTerms, TITLE, BODY, 1f);
    addTerms(query, gramTerms, TITLE_GRAMS, BODY_GRAMS, settings.gramWeight());
    try {
      ScoreDoc[] hits = searcher.search(query.build(), Math.max(1, titles.size())).scoreDocs;
      List<Candidate> ranked = new ArrayList<>();
      for (ScoreDoc hit : hits) {
        String code = searcher.storedFields().document(hit.doc).get(CODE);
        if (!within.isEmpty() && !within.contains(code)) {
          continue;
        }
        double boost = preferred.contains(code) ? settings.unitBoost() : 1.0;
        ranked.add(new Candidate(code, titles.get(code), round(hit.score * boost)));
      }
      ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
      return ranked;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the plan items", e);
    }
  }

  private void addTerms(
      BooleanQuery.Builder query, Set<String> terms, String title, String body, float weight) {
    for (String term : terms) {
      query.add(
          new BoostQuery(new TermQuery(new Term(title, term)), weight * settings.titleBoost()),
          BooleanClause.Occur.SHOULD);
      query.add(
          new BoostQuery(new TermQuery(new Term(body, term)), weight), BooleanClause.Occur.SHOULD);
    }
  }

  /** The words of {@code text} that can tell items apart. */
  Set<String> terms(String text) {
    return terms(words, text);
  }

  private static Set<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String value = term.toString();
        if (!REPORTING_WORDS.contains(value) && !value.chars().allMatch(Character::isDigit)) {
          terms.add(value);
        }
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
