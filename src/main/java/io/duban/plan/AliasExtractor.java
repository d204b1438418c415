package io.duban.plan;

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

  static final int MAX_PER_ITEM = 8;
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

  /** After a short form, characters that make it part of a longer common word (科技园区, 院士). */
  private static final String LONGER_WORD = "区士长部校";

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
    AliasCandidates candidates = new AliasCandidates();
    quoted(text, candidates);
    defined(text, leaves, candidates);
    institutions(text, place(text), candidates);
    return candidates.assign(leaves, items);
  }

  private static void quoted(String text, AliasCandidates candidates) {
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
  private static void defined(String text, Map<String, String> leaves, AliasCandidates candidates) {
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
  private static void institutions(String text, String place, AliasCandidates candidates) {
    Set<String> seen = new LinkedHashSet<>();
    Matcher run = HAN_RUN.matcher(text);
    while (run.find()) {
      InstitutionName institution = InstitutionName.in(run.group(), place);
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
  private static String shortForm(String text, InstitutionName institution, String place) {
    String best = null;
    for (String end : InstitutionName.INSTITUTIONS.get(institution.ending())) {
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

  static boolean isSubsequence(String shorter, String longer) {
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

  static String withoutPlace(String name, String place) {
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
}
