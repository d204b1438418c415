package io.duban.unit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches a unit name as a plan document writes it (市科技局, 局办公室, ＸＸ　中心) to a known unit: the exact
 * name or code; then the same name ignoring width, spaces and punctuation; then the same name once
 * a level prefix (市, 区, 局 …) is dropped and long forms are abbreviated (科学技术局 → 科技局). At each step
 * the name must point to exactly one unit: two candidates is no match, never a guess.
 */
final class UnitNames {

  /** How a name was matched. */
  enum How {
    EXACT,
    NORMALISED,
    /** Two or more units fit: the admin must choose. */
    AMBIGUOUS,
    UNKNOWN
  }

  /**
   * The outcome for one name.
   *
   * @param name the name as written
   * @param unit the matched unit's code, or null
   * @param how how it was matched
   * @param candidates the units that fit when ambiguous
   */
  record Match(String name, String unit, How how, List<String> candidates) {
    Match {
      candidates = List.copyOf(candidates);
    }
  }

  private static final List<String> PREFIXES = List.of("本局", "局", "市", "区", "县", "省", "镇", "乡");

  private static final Map<String, String> SHORT_FORMS = new LinkedHashMap<>();

  static {
    SHORT_FORMS.put("科学技术", "科技");
    SHORT_FORMS.put("发展和改革", "发改");
    SHORT_FORMS.put("发展改革", "发改");
    SHORT_FORMS.put("工业和信息化", "工信");
    SHORT_FORMS.put("人力资源和社会保障", "人社");
    SHORT_FORMS.put("住房和城乡建设", "住建");
    SHORT_FORMS.put("市场监督管理", "市场监管");
    SHORT_FORMS.put("卫生健康", "卫健");
    SHORT_FORMS.put("交通运输", "交通");
    SHORT_FORMS.put("城市管理和综合执法", "城管");
    SHORT_FORMS.put("城市管理", "城管");
    SHORT_FORMS.put("委员会", "委");
  }

  private final Collection<Unit> units;

  UnitNames(Collection<Unit> units) {
    this.units = List.copyOf(units);
  }

  Match match(String name) {
    String written = name.strip();
    Match exact = unique(written, u -> Set.of(u.name(), u.code()), Set.of(written), How.EXACT);
    if (exact != null) {
      return exact;
    }
    Match plain =
        unique(written, u -> Set.of(plain(u.name())), Set.of(plain(written)), How.NORMALISED);
    if (plain != null) {
      return plain;
    }
    // one name is the other with a level prefix: 科技局 and 市科技局 meet, 区科技局 and 市科技局 do not
    List<String> fits = new ArrayList<>();
    Set<String> nameKeys = keys(written);
    String nameBase = nameKeys.iterator().next();
    for (Unit u : units) {
      Set<String> unitKeys = keys(u.name());
      if (unitKeys.contains(nameBase) || nameKeys.contains(unitKeys.iterator().next())) {
        fits.add(u.code());
      }
    }
    if (fits.isEmpty()) {
      return new Match(written, null, How.UNKNOWN, List.of());
    }
    return fits.size() == 1
        ? new Match(written, fits.get(0), How.NORMALISED, List.of())
        : new Match(written, null, How.AMBIGUOUS, fits);
  }

  /** The match when exactly one unit's keys meet the name's; an ambiguity; or null for none. */
  private Match unique(
      String written, Function<Unit, Set<String>> unitKeys, Set<String> nameKeys, How how) {
    List<String> fits = new ArrayList<>();
    for (Unit u : units) {
      if (unitKeys.apply(u).stream().anyMatch(nameKeys::contains)) {
        fits.add(u.code());
      }
    }
    if (fits.isEmpty()) {
      return null;
    }
    return fits.size() == 1
        ? new Match(written, fits.get(0), how, List.of())
        : new Match(written, null, How.AMBIGUOUS, fits);
  }

  static String plain(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /**
   * The name abbreviated (first), then without one level prefix; never shorter than two characters.
   */
  static Set<String> keys(String name) {
    String base = plain(name);
    for (var e : SHORT_FORMS.entrySet()) {
      base = base.replace(e.getKey(), e.getValue());
    }
    Set<String> keys = new LinkedHashSet<>();
    keys.add(base);
    for (String prefix : PREFIXES) {
      if (base.startsWith(prefix) && base.length() - prefix.length() >= 2) {
        keys.add(base.substring(prefix.length()));
      }
    }
    return keys;
  }
}
