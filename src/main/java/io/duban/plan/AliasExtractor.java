package io.duban.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the other names a plan document gives its items: quoted names (“科创园”, 《…》 programmes), the
 * short forms it defines (（以下简称“X”）, 全称（X）), and institutions' short names (the name without the
 * city, and an abbreviation such as 药创院 when the document itself writes it). An alias goes to the
 * one leaf whose text names it or what it stands for; one that could equally name another leaf of
 * the plan is dropped.
 */
final class AliasExtractor {

  /** The longest alias kept, in characters. */
  static final int MAX_LENGTH = 20;

  private static final int MAX_PER_ITEM = 8;
  private static final int MAX_QUOTED = 12;

  private static final Pattern QUOTED = Pattern.compile("[“\"「]([^“”\"「」\\n]{2,30})[”\"」]");
  private static final Pattern BOOK = Pattern.compile("《([^《》\\n]{2,40})》");
  private static final Pattern DEFINED =
      Pattern.compile(
          "(\\p{IsHan}{2,30})\\s*[（(](?:以下|下文|下)?(?:简称|称)(?:为)?[:：]?\\s*[“\"「]?"
              + "([\\p{IsHan}A-Za-z0-9]{2,12})[”\"」]?\\s*[）)]");
  private static final Pattern ABBREVIATED =
      Pattern.compile("(\\p{IsHan}{4,30})[（(]([A-Z][A-Za-z]{1,7}|\\p{IsHan}{2,5})[）)]");
  private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}+");
  private static final Pattern PLACE =
      Pattern.compile("(\\p{IsHan}{2,3}?)(?:市|县|区)(?=\\p{IsHan}{0,8}(?:局|政府|委员会|办公室|街道|镇|委))");
  private static final Pattern WRAP =
      Pattern.compile("(?<=\\p{IsHan})[ \\t]*\\r?\\n[ \\t]*(?=\\p{IsHan})");
  private static final Pattern PLACE_PREFIX = Pattern.compile("\\p{IsHan}{2,3}?(?:省|市|县|区)(?!级)");
  private static final Pattern YEAR_PART = Pattern.compile("[（(][^（）()]*\\d{4}[^（）()]*[）)]");

  /** Institutions' name endings, with the endings their short forms keep (院 for 研究院). */
  private static final Map<String, List<String>> INSTITUTIONS =
      Map.ofEntries(
          Map.entry("研究院", List.of("院")),
          Map.entry("研究所", List.of("所")),
          Map.entry("学院", List.of("院")),
          Map.entry("医院", List.of("院")),
          Map.entry("大学", List.of("大")),
          Map.entry("实验室", List.of("室", "实验室")),
          Map.entry("中心", List.of("中心")),
          Map.entry("科技园", List.of("园")),
          Map.entry("产业园", List.of("园")),
          Map.entry("科学园", List.of("园")),
          Map.entry("创新园", List.of("园")),
          Map.entry("工业园", List.of("园")),
          Map.entry("基地", List.of("基地")),
          Map.entry("集团", List.of("集团")),
          Map.entry("协会", List.of("协会")),
          Map.entry("学会", List.of("学会")));

  /** Words that open a clause before a name: 支持中山…研究院 names the institute, not 支持. */
  private static final List<String> LEADING_WORDS =
      List.of(
          "支持", "推动", "推进", "加强", "加快", "依托", "联合", "协调", "对接", "建设", "引进", "争取", "指导", "组织", "协助",
          "围绕", "聚焦", "服务", "筹建", "组建", "共建", "培育", "打造", "深化", "落实", "提升", "完善", "发挥", "鼓励", "引导",
          "积极", "全力", "继续", "持续", "做好", "开展", "与", "和", "及", "同", "由", "在", "对", "向", "为", "将", "把",
          "以", "是", "的", "等");

  /** Inside a run of characters, where a clause's verb or conjunction ends before a name. */
  private static final Pattern CLAUSE =
      Pattern.compile("[一二三四五六七八九十]+是|与|和|及|同|向|对|把|将|的|地|申报|获批|创建|成立|支持|推动|依托|发挥|协助|联合|加强|对接|引进");

  /** After a short form, characters that make it part of a longer common word (科技园区, 院士). */
  private static final String LONGER_WORD = "区士长部校";

  /** Quoted names that are kinds of document or slogans of every plan, not names of one item. */
  private static final Set<String> GENERIC =
      Set.of(
          "政府工作报告", "工作报告", "工作计划", "工作要点", "工作方案", "实施方案", "十四五", "十五五", "一把手", "最后一公里", "放管服",
          "卡脖子", "急难愁盼");

  private AliasExtractor() {}

  /**
   * The aliases of the leaves of {@code items}, by item code.
   *
   * @param document the whole document as read (its summary part may write the short forms the plan
   *     part does not), or null to read the items' own text
   */
  static Map<String, List<String>> extract(List<ParsedPlan.Item> items, String document) {
    Map<String, String> leaves = new LinkedHashMap<>();
    Set<String> parents = new LinkedHashSet<>();
    for (ParsedPlan.Item item : items) {
      if (item.parentCode() != null) {
        parents.add(item.parentCode());
      }
    }
    StringBuilder all = new StringBuilder();
    for (ParsedPlan.Item item : items) {
      String text = item.title() + "。" + (item.body() == null ? "" : item.body());
      all.append(text).append('\n');
      if (!parents.contains(item.code())) {
        leaves.put(item.code(), joined(text));
      }
    }
    String text = joined(document != null ? document : all.toString());
    Candidates candidates = new Candidates();
    quoted(text, candidates);
    defined(text, leaves, candidates);
    institutions(text, place(text), candidates);
    return candidates.assign(leaves, items);
  }

  private static void quoted(String text, Candidates candidates) {
    Matcher q = QUOTED.matcher(text);
    while (q.find()) {
      String name = q.group(1).strip();
      if (name.length() <= MAX_QUOTED) {
        candidates.add(name, name);
      }
    }
    Matcher b = BOOK.matcher(text);
    while (b.find()) {
      String whole = b.group(1).strip();
      String name = YEAR_PART.matcher(whole).replaceAll("").strip();
      Matcher place = PLACE_PREFIX.matcher(name);
      if (place.lookingAt()) {
        name = name.substring(place.end());
      }
      if (name.length() <= MAX_LENGTH - 4) {
        candidates.add(name, name, whole);
      }
    }
  }

  /** （以下简称“X”） after a name, and 全称（X） where X abbreviates the name before it. */
  private static void defined(String text, Map<String, String> leaves, Candidates candidates) {
    Matcher d = DEFINED.matcher(text);
    while (d.find()) {
      String name = d.group(2);
      candidates.add(name, name, standingFor(d.group(1), leaves));
    }
    Matcher a = ABBREVIATED.matcher(text);
    while (a.find()) {
      String run = a.group(1);
      String name = a.group(2);
      boolean latin = name.chars().allMatch(c -> c < 128);
      if (name.startsWith("简称") || name.startsWith("以下") || run.contains(name)) {
        continue;
      }
      if (latin ? name.chars().allMatch(Character::isUpperCase) : isAbbreviation(name, run)) {
        candidates.add(name, name, standingFor(run, leaves));
      }
    }
  }

  /** The longest ending of {@code run} (at least four characters) that a leaf's text contains. */
  private static String standingFor(String run, Map<String, String> leaves) {
    for (int from = 0; run.length() - from >= 4; from++) {
      String tail = run.substring(from);
      if (leaves.values().stream().anyMatch(t -> t.contains(tail))) {
        return tail;
      }
    }
    return null;
  }

  /**
   * Institutions named in the text: each gets its name without the city (中山科技创新园 → 科技创新园) and the
   * short forms the document writes for it (中山药创院 for 中山药物创新研究院, kept without the city).
   */
  private static void institutions(String text, String place, Candidates candidates) {
    Set<String> seen = new LinkedHashSet<>();
    Matcher run = HAN_RUN.matcher(text);
    while (run.find()) {
      Institution institution = Institution.in(run.group(), place);
      if (institution == null || !seen.add(institution.name())) {
        continue;
      }
      String head = institution.withoutPlace(place);
      if (head != null
          && head.length() >= 4
          && head.length() - institution.ending().length() >= 2
          && writtenAlone(text, head, place)) {
        candidates.add(head, head, institution.name());
      }
      String shortForm = shortForm(text, institution, place);
      if (shortForm != null) {
        String bare = withoutPlace(shortForm, place);
        candidates.add(bare.length() >= 3 ? bare : shortForm, shortForm, institution.name());
      }
    }
  }

  /**
   * Whether the text writes {@code head} without the city before it: only then is it a name people
   * use (a name the document always writes whole would only weigh its generic words).
   */
  private static boolean writtenAlone(String text, String head, String place) {
    for (int at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
      String before = text.substring(Math.max(0, at - place.length() - 1), at);
      if (!before.endsWith(place) && !before.equals(place + "市")) {
        return true;
      }
    }
    return false;
  }

  /** The longest short form of the institution the text writes, or null. */
  private static String shortForm(String text, Institution institution, String place) {
    String best = null;
    for (String end : INSTITUTIONS.get(institution.ending())) {
      for (int at = text.indexOf(end); at >= 0; at = text.indexOf(end, at + 1)) {
        int stop = at + end.length();
        for (int length = Math.min(6, stop); length >= end.length() + 2; length--) {
          String window = text.substring(stop - length, stop);
          boolean longer = stop < text.length() && LONGER_WORD.indexOf(text.charAt(stop)) >= 0;
          if (!longer
              && window
                  .codePoints()
                  .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
              && !institution.name().contains(window)
              && isSubsequence(window, institution.name())
              && institution.coreCharacters(window, List.of(end), place) >= 2) {
            if (best == null || window.length() > best.length()) {
              best = window;
            }
            break;
          }
        }
      }
    }
    return best;
  }

  /** A Han short form of {@code run}: its characters in the run's order, the first inside it. */
  private static boolean isAbbreviation(String name, String run) {
    return isSubsequence(name, run) && name.length() < run.length();
  }

  private static boolean isSubsequence(String shorter, String longer) {
    int j = 0;
    for (int i = 0; i < longer.length() && j < shorter.length(); i++) {
      if (longer.charAt(i) == shorter.charAt(j)) {
        j++;
      }
    }
    return j == shorter.length();
  }

  /** The city, district or county the document is about (中山 of 中山市科学技术局), or null. */
  private static String place(String text) {
    Matcher m = PLACE.matcher(text.substring(0, Math.min(text.length(), 600)));
    return m.find() ? m.group(1) : null;
  }

  private static String withoutPlace(String name, String place) {
    if (place == null || !name.startsWith(place)) {
      return name;
    }
    String rest = name.substring(place.length());
    return rest.startsWith("市") || rest.startsWith("区") || rest.startsWith("县")
        ? rest.substring(1)
        : rest;
  }

  /** Lines a PDF or a web page wrapped inside a phrase are joined again. */
  private static String joined(String text) {
    return WRAP.matcher(text).replaceAll("");
  }

  /**
   * An institution's name as the text writes it, ending in one of {@link #INSTITUTIONS}.
   *
   * @param name the name from the city on, or from the first word after the clause's verbs
   * @param ending the ending it has
   * @param core where the distinctive part starts (after the city)
   * @param placed whether the name starts with the city and nothing else comes before its own part
   */
  private record Institution(String name, String ending, int core, boolean placed) {

    /** The last institution named in a run of Han characters, or null. */
    static Institution in(String run, String place) {
      int end = -1;
      String ending = null;
      for (String e : INSTITUTIONS.keySet()) {
        int at = run.lastIndexOf(e);
        if (at >= 0 && at + e.length() > end) {
          end = at + e.length();
          ending = e;
        }
      }
      if (ending == null) {
        return null;
      }
      String name = run.substring(0, end);
      String stem = name.substring(0, name.length() - ending.length());
      // The name starts after the clause's last verb or conjunction (一是市政府与香港中文大学), the
      // city (中科中山药物创新研究院), or an institution it belongs to (…科学院大湾区研究院).
      int from = CLAUSE.matcher(stem).find() ? lastClauseEnd(stem) : 0;
      int city = place == null ? -1 : stem.lastIndexOf(place);
      if (city >= from) {
        from = city;
      }
      name = withoutLeadingWords(name.substring(from));
      boolean placed = place != null && name.startsWith(place);
      int core = placed ? place.length() : 0;
      stem = name.substring(0, name.length() - ending.length());
      for (String e : INSTITUTIONS.keySet()) {
        int at = stem.lastIndexOf(e);
        if (at >= 0 && at + e.length() > core) {
          core = at + e.length();
          placed = false;
        }
      }
      if (name.length() - core < ending.length() + 2 || name.length() > MAX_LENGTH - 2) {
        return null;
      }
      return new Institution(name, ending, core, placed);
    }

    private static int lastClauseEnd(String stem) {
      Matcher m = CLAUSE.matcher(stem);
      int end = 0;
      while (m.find()) {
        end = m.end();
      }
      return end;
    }

    private static String withoutLeadingWords(String name) {
      boolean cut = true;
      while (cut) {
        cut = false;
        for (String w : LEADING_WORDS) {
          if (name.startsWith(w) && name.length() > w.length()) {
            name = name.substring(w.length());
            cut = true;
          }
        }
      }
      return name;
    }

    String withoutPlace(String place) {
      return placed ? AliasExtractor.withoutPlace(name, place) : null;
    }

    /**
     * How many characters of {@code window} come from the distinctive part of the name, or -1 when
     * one comes from neither that part, the place, nor the ending.
     */
    int coreCharacters(String window, List<String> ends, String place) {
      String distinctive = name.substring(core, name.length() - ending.length());
      String stem = window;
      for (String end : ends) {
        if (stem.endsWith(end)) {
          stem = stem.substring(0, stem.length() - end.length());
          break;
        }
      }
      if (place != null && stem.startsWith(place)) {
        stem = stem.substring(place.length());
      }
      int n = 0;
      for (char c : stem.toCharArray()) {
        if (distinctive.indexOf(c) < 0) {
          return -1;
        }
        n++;
      }
      return n;
    }
  }

  /** Aliases found so far, each with the phrases whose presence in a leaf names it. */
  private static final class Candidates {
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
        if (list.size() < MAX_PER_ITEM) {
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
        if (isSubsequence(alias, window)) {
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
          && alias.length() <= MAX_LENGTH
          && (han >= 2 || latin)
          && !GENERIC.contains(alias)
          && !alias.matches(".*[、，。；：,;:！？].*")
          && !alias.matches(".*\\d{4}.*")
          && !alias.matches("[\\d.%]+");
    }
  }
}
