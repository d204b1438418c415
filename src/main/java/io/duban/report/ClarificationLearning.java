package io.duban.report;

import io.duban.plan.ItemAliases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Learns from a clarification: when a sender answers "您说的是哪一项？" with an item, the distinctive words
 * of the report they had sent become a learned alias of that item, so that a similar message from
 * anyone is filed there next time. Words of reporting (status, percent, time, verbs of progress)
 * and words any other item of the plan uses are left out: they would name more than one.
 */
@Component
class ClarificationLearning {

  /** The most words one clarification teaches. */
  static final int MAX_WORDS = 4;

  private static final Pattern HAN = Pattern.compile("\\p{IsHan}{2,}");

  /** Words of reporting itself, which say nothing about which item is meant. */
  private static final Set<String> REPORTING =
      Set.of(
          "进度", "进展", "完成", "已经", "本周", "上周", "下周", "本月", "上月", "今天", "昨天", "明天", "月底", "年底", "近期",
          "目前", "工作", "推进", "情况", "正在", "项目", "任务", "开展", "有序", "稳步", "计划", "顺利", "正常", "基本", "全部",
          "初步", "初稿", "定稿", "滞后", "受阻", "延期", "推迟", "暂停", "办结", "落实", "推动", "加快", "报送", "上报", "提交",
          "印发", "启动", "召开", "举办", "组织", "对接", "签订", "签约", "一批", "多家", "若干", "相关", "材料", "方案", "已于",
          "左右", "预计", "力争", "继续", "持续", "按期", "按时", "进行", "目标", "我们", "单位", "部门", "同志", "领导", "百分之",
          "成左右", "过半");

  private final ItemUnderstanding understanding;
  private final ItemAliases aliases;
  private final Analyzer words = new SmartChineseAnalyzer();

  ClarificationLearning(ItemUnderstanding understanding, ItemAliases aliases) {
    this.understanding = understanding;
    this.aliases = aliases;
  }

  /**
   * Stores what {@code text} teaches about item {@code code}, in the caller's transaction.
   *
   * @param learnedFrom who answered, kept with the alias
   */
  Mono<Void> learn(String text, String code, String learnedFrom) {
    return understanding
        .parser()
        .map(parser -> distinctive(text, code, parser.catalogue().leaves()))
        .filter(alias -> !alias.isEmpty())
        .flatMap(alias -> aliases.learn(code, alias, learnedFrom))
        .then();
  }

  /** The words of {@code text} that name item {@code code} and no other, joined; may be empty. */
  String distinctive(String text, String code, List<CatalogueItem> leaves) {
    CatalogueItem chosen = null;
    StringBuilder others = new StringBuilder();
    for (CatalogueItem leaf : leaves) {
      if (leaf.code().equals(code)) {
        chosen = leaf;
      } else {
        others.append(leaf.title()).append('\n').append(leaf.body()).append('\n');
        leaf.aliases().forEach(a -> others.append(a).append('\n'));
      }
    }
    if (chosen == null || text == null) {
      return "";
    }
    String elsewhere = others.toString();
    List<String> kept = new ArrayList<>();
    int length = 0;
    for (String word : words(text)) {
      if (REPORTING.contains(word)
          || elsewhere.contains(word)
          || chosen.title().contains(word)
          || chosen.aliases().stream().anyMatch(a -> a.contains(word))) {
        continue;
      }
      if (kept.size() == MAX_WORDS || length + word.length() + 1 > ItemAliases.MAX_LENGTH) {
        break;
      }
      kept.add(word);
      length += word.length() + 1;
    }
    return String.join(" ", kept);
  }

  /** The Chinese words of {@code text} of two characters or more, in order, once each. */
  private Set<String> words(String text) {
    Set<String> found = new LinkedHashSet<>();
    try (TokenStream stream = words.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String word = term.toString();
        if (HAN.matcher(word).matches()) {
          found.add(word);
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
