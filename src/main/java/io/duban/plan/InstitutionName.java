package io.duban.plan;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An institution's name as the text writes it, ending in one of {@link #INSTITUTIONS}.
 *
 * @param name the name from the city on, or from the first word after the clause's verbs
 * @param ending the ending it has
 * @param core where the distinctive part starts (after the city)
 * @param placed whether the name starts with the city and nothing else comes before its own part
 */
record InstitutionName(String name, String ending, int core, boolean placed) {

  /** Institutions' name endings, with the endings their short forms keep (院 for 研究院). */
  static final Map<String, List<String>> INSTITUTIONS =
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

  /** The last institution named in a run of Han characters, or null. */
  static InstitutionName in(String run, String place) {
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
    if (name.length() - core < ending.length() + 2
        || name.length() > AliasExtractor.MAX_LENGTH - 2) {
      return null;
    }
    return new InstitutionName(name, ending, core, placed);
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
