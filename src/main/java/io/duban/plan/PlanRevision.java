package io.duban.plan;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Matches the items of a stored plan to those of a corrected document, so that each stored item is
 * updated in place and keeps what is attached to it. Codes are the first evidence, checked against
 * the text; then the same title under another code; then a clearly similar title (renamed and
 * renumbered); last, an item left at its old code whose text still resembles it. Whatever is left
 * is added or removed: an item is never followed to a different piece of work on a guess.
 */
final class PlanRevision {

  /** A title this similar at the same code is the same item reworded. */
  static final double SAME_CODE = 0.5;

  /** A title this similar under another code is the same item renamed and moved. */
  static final double ELSEWHERE = 0.6;

  /** Title or body this similar at the same code, once nothing better was found. */
  static final double LEFT_AT_CODE = 0.3;

  private final Map<PlanItem, ParsedPlan.Item> matched = new LinkedHashMap<>();
  private final List<ParsedPlan.Item> added = new ArrayList<>();
  private final List<PlanItem> removed = new ArrayList<>();
  private final PlanChanges changes;

  private PlanRevision(List<PlanItem> stored, List<ParsedPlan.Item> next) {
    Map<ParsedPlan.Item, PlanItem> taken = new IdentityHashMap<>();
    Set<PlanItem> done = new HashSet<>();
    // 1. same code, same or reworded title
    for (PlanItem old : stored) {
      for (ParsedPlan.Item item : next) {
        if (item.code().equals(old.code())
            && !taken.containsKey(item)
            && similarity(old.title(), item.title()) >= SAME_CODE) {
          pair(old, item, taken, done);
          break;
        }
      }
    }
    // 2. the same title under another code, when it names one item on each side
    for (PlanItem old : stored) {
      if (done.contains(old)) {
        continue;
      }
      List<ParsedPlan.Item> same =
          next.stream()
              .filter(i -> !taken.containsKey(i) && key(i.title()).equals(key(old.title())))
              .toList();
      long twins =
          stored.stream()
              .filter(o -> !done.contains(o) && key(o.title()).equals(key(old.title())))
              .count();
      if (same.size() == 1 && twins == 1) {
        pair(old, same.get(0), taken, done);
      }
    }
    // 3. a clearly similar title anywhere, best pairs first
    List<Pair> pairs = new ArrayList<>();
    for (PlanItem old : stored) {
      for (ParsedPlan.Item item : next) {
        if (!done.contains(old) && !taken.containsKey(item)) {
          double score = similarity(old.title(), item.title());
          if (score >= ELSEWHERE) {
            pairs.add(new Pair(old, item, score + (old.code().equals(item.code()) ? 0.01 : 0)));
          }
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
    for (Pair p : pairs) {
      if (!done.contains(p.old()) && !taken.containsKey(p.item())) {
        pair(p.old(), p.item(), taken, done);
      }
    }
    // 4. what is left at its old code and still reads like it
    for (PlanItem old : stored) {
      if (done.contains(old)) {
        continue;
      }
      for (ParsedPlan.Item item : next) {
        if (item.code().equals(old.code())
            && !taken.containsKey(item)
            && Math.max(
                    similarity(old.title(), item.title()),
                    similarity(old.title() + old.body(), item.title() + item.body()))
                >= LEFT_AT_CODE) {
          pair(old, item, taken, done);
          break;
        }
      }
    }
    Map<PlanItem, ParsedPlan.Item> ordered = new LinkedHashMap<>();
    stored.stream().filter(matched::containsKey).forEach(o -> ordered.put(o, matched.get(o)));
    matched.clear();
    matched.putAll(ordered);
    next.stream().filter(i -> !taken.containsKey(i)).forEach(added::add);
    stored.stream().filter(o -> !done.contains(o)).forEach(removed::add);
    changes = describe();
  }

  /** How {@code next} revises {@code stored} (the current items of one year). */
  static PlanRevision between(List<PlanItem> stored, List<ParsedPlan.Item> next) {
    return new PlanRevision(stored, next);
  }

  /** Each stored item that carries on, with what the document now says of it, in stored order. */
  Map<PlanItem, ParsedPlan.Item> matched() {
    return matched;
  }

  List<ParsedPlan.Item> added() {
    return added;
  }

  List<PlanItem> removed() {
    return removed;
  }

  PlanChanges changes() {
    return changes;
  }

  private void pair(
      PlanItem old,
      ParsedPlan.Item item,
      Map<ParsedPlan.Item, PlanItem> taken,
      Set<PlanItem> done) {
    matched.put(old, item);
    taken.put(item, old);
    done.add(old);
  }

  private PlanChanges describe() {
    List<PlanChanges.Change> renamed = new ArrayList<>();
    List<PlanChanges.Change> moved = new ArrayList<>();
    int unchanged = 0;
    for (var e : matched.entrySet()) {
      PlanItem old = e.getKey();
      ParsedPlan.Item item = e.getValue();
      var change = new PlanChanges.Change(old.code(), item.code(), old.title(), item.title());
      boolean retitled = !old.title().equals(item.title());
      boolean recoded = !old.code().equals(item.code());
      if (retitled) {
        renamed.add(change);
      }
      if (recoded) {
        moved.add(change);
      }
      if (!retitled && !recoded) {
        unchanged++;
      }
    }
    return new PlanChanges(
        added.stream().map(i -> new PlanChanges.Change(null, i.code(), null, i.title())).toList(),
        renamed,
        moved,
        removed.stream().map(o -> new PlanChanges.Change(o.code(), null, o.title(), null)).toList(),
        unchanged);
  }

  /**
   * Dice coefficient of the character bigrams of two texts, ignoring width, spaces, punctuation.
   */
  static double similarity(String a, String b) {
    String x = key(a);
    String y = key(b);
    if (x.equals(y)) {
      return 1;
    }
    List<String> left = bigrams(x);
    List<String> right = bigrams(y);
    if (left.isEmpty() || right.isEmpty()) {
      return 0;
    }
    List<String> pool = new ArrayList<>(right);
    int common = 0;
    for (String g : left) {
      if (pool.remove(g)) {
        common++;
      }
    }
    return 2.0 * common / (left.size() + right.size());
  }

  private static List<String> bigrams(String s) {
    List<String> grams = new ArrayList<>();
    if (s.length() == 1) {
      grams.add(s);
    }
    for (int i = 0; i + 1 < s.length(); i++) {
      grams.add(s.substring(i, i + 2));
    }
    return grams;
  }

  private static String key(String text) {
    return Normalizer.normalize(Objects.requireNonNullElse(text, ""), Normalizer.Form.NFKC)
        .replaceAll("[^\\p{L}\\p{N}]", "");
  }

  private record Pair(PlanItem old, ParsedPlan.Item item, double score) {}
}
