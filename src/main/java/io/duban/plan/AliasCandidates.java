package io.duban.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Aliases found so far, each with the phrases whose presence in a leaf names it. */
final class AliasCandidates {

  /** Quoted names that are kinds of document or slogans of every plan, not names of one item. */
  private static final Set<String> GENERIC =
      Set.of(
          "政府工作报告", "工作报告", "工作计划", "工作要点", "工作方案", "实施方案", "十四五", "十五五", "一把手", "最后一公里", "放管服",
          "卡脖子", "急难愁盼");

  private final Map<String, Set<String>> anchors = new LinkedHashMap<>();

  void add(String alias, String... standsFor) {
    if (!acceptable(alias)) {
      return;
    }
    Set<String> set = anchors.computeIfAbsent(alias, a -> new LinkedHashSet<>());
    set.add(alias);
    for (String s : standsFor) {
      if (s != null && s.length() >= 2) {
        set.add(s);
      }
    }
  }

  Map<String, List<String>> assign(Map<String, String> leaves, List<ParsedPlan.Item> items) {
    Map<String, String> titles = new LinkedHashMap<>();
    items.forEach(i -> titles.put(i.code(), i.title()));
    Map<String, List<String>> byItem = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> candidate : anchors.entrySet()) {
      List<String> named = new ArrayList<>();
      for (Map.Entry<String, String> leaf : leaves.entrySet()) {
        if (candidate.getValue().stream().anyMatch(leaf.getValue()::contains)
            || nearly(candidate.getKey(), leaf.getValue())) {
          named.add(leaf.getKey());
        }
      }
      String alias = candidate.getKey();
      if (named.size() != 1 || alias.equals(titles.get(named.get(0)))) {
        continue;
      }
      List<String> list = byItem.computeIfAbsent(named.get(0), c -> new ArrayList<>());
      if (list.size() < AliasExtractor.MAX_PER_ITEM) {
        list.add(alias);
      }
    }
    byItem.replaceAll((code, list) -> List.copyOf(list));
    return byItem;
  }

  /**
   * Whether {@code text} writes {@code alias} with a few characters more inside it (先进低温研究院 in
   * 先进低温技术研究院): the alias could name that too.
   */
  private static boolean nearly(String alias, String text) {
    if (alias.length() < 3) {
      return false;
    }
    char first = alias.charAt(0);
    for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      String window = text.substring(at, Math.min(text.length(), at + alias.length() + 3));
      if (AliasExtractor.isSubsequence(alias, window)) {
        return true;
      }
    }
    return false;
  }

  private static boolean acceptable(String alias) {
    long han =
        alias
            .codePoints()
            .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .count();
    boolean latin = alias.matches("[A-Z][A-Za-z]{1,7}");
    return alias.length() >= 2
        && alias.length() <= AliasExtractor.MAX_LENGTH
        && (han >= 2 || latin)
        && !GENERIC.contains(alias)
        && !alias.matches(".*[、，。；：,;:！？].*")
        && !alias.matches(".*\\d{4}.*")
        && !alias.matches("[\\d.%]+");
  }
}
