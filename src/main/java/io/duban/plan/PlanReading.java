package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What reading a plan document gave: the plan, the responsibilities the document states per item
 * code (unit names as written), and warnings for the admin (parts left out, titles cut, headings
 * without tasks), and the aliases the document gives items (by item code, see {@link
 * AliasExtractor}).
 */
record PlanReading(
    ParsedPlan plan,
    Map<String, Responsibility> responsibilities,
    List<String> warnings,
    Map<String, List<String>> aliases) {

  PlanReading {
    responsibilities = Map.copyOf(responsibilities);
    warnings = List.copyOf(warnings);
    aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
  }

  PlanReading(
      ParsedPlan plan, Map<String, Responsibility> responsibilities, List<String> warnings) {
    this(plan, responsibilities, warnings, AliasExtractor.extract(plan.items(), null));
  }

  /** Every unit name the document mentions, in order of first mention, for matching to units. */
  List<String> unitNames() {
    List<String> names = new ArrayList<>();
    for (ParsedPlan.Item item : plan.items()) {
      Responsibility r = responsibilities.get(item.code());
      if (r != null) {
        r.units().stream().filter(n -> !names.contains(n)).forEach(names::add);
      }
    }
    return names;
  }
}
