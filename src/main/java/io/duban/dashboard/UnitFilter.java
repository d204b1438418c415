package io.duban.dashboard;

import io.duban.unit.Unit;
import java.util.List;
import java.util.Locale;

/**
 * The board's 单位 filter as the leader gave it: a unit's code, its whole name, or a part of a name
 * that only one unit has. A part several units share is not a filter but a choice to make ({@link
 * #choices()}, the first {@link #CHOICES} of {@link #matching()}); text no unit has filters
 * nothing.
 *
 * @param unit the unit filtered by, or null
 * @param typed what the leader typed, stripped and cut to {@link #MAX_TYPED} characters
 * @param choices the units the text could mean when it means more than one, at most {@link
 *     #CHOICES}
 * @param matching how many units the text could mean
 */
public record UnitFilter(Unit unit, String typed, List<Unit> choices, int matching) {

  /** How many units an ambiguous text offers to pick from, and the suggestions a search returns. */
  static final int CHOICES = 12;

  /** Longer text is no unit's name: the box keeps this much of it. */
  static final int MAX_TYPED = 60;

  static UnitFilter of(String text, List<Unit> units) {
    String typed = text == null ? "" : text.strip();
    if (typed.length() > MAX_TYPED) {
      typed = typed.substring(0, MAX_TYPED);
    }
    if (typed.isEmpty()) {
      return new UnitFilter(null, "", List.of(), 0);
    }
    for (Unit u : units) {
      if (u.code().equals(typed) || u.name().equals(typed)) {
        return new UnitFilter(u, typed, List.of(), 1);
      }
    }
    List<Unit> matching = matching(typed, units);
    if (matching.size() == 1) {
      return new UnitFilter(matching.get(0), typed, List.of(), 1);
    }
    return new UnitFilter(
        null, typed, matching.subList(0, Math.min(CHOICES, matching.size())), matching.size());
  }

  /**
   * The units whose name holds {@code text} or whose code starts with it (case ignored), those
   * whose name starts with it first, then by name's length: the likeliest meant come first.
   */
  static List<Unit> matching(String text, List<Unit> units) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return List.of();
    }
    return units.stream()
        .filter(
            u ->
                u.name().toLowerCase(Locale.ROOT).contains(t)
                    || u.code().toLowerCase(Locale.ROOT).startsWith(t))
        .sorted(
            java.util.Comparator.comparing((Unit u) -> !u.name().startsWith(text.strip()))
                .thenComparingInt(u -> u.name().length())
                .thenComparing(Unit::name))
        .toList();
  }

  /** Some text was given that is no unit's code or name and no part of one. */
  public boolean unknown() {
    return !typed.isEmpty() && unit == null && matching == 0;
  }

  /** The text is part of several units' names: the page offers {@link #choices()}. */
  public boolean ambiguous() {
    return unit == null && matching > 1;
  }

  /** What the search box shows: the unit's name once one is chosen, else what was typed. */
  public String text() {
    return unit == null ? typed : unit.name();
  }
}
