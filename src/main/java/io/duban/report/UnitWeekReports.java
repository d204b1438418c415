package io.duban.report;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one unit reported as lead unit in one week: the items it reported on, and those among them
 * with at least one report on time. 报送情况 is drawn from these rather than from every report: at a
 * province's scale a quarter of a million reports would otherwise be read for marks.
 *
 * @param items items with a standing, verified lead report of the unit in {@code period}
 * @param onTime those of {@code items} with at least one such report that is not late
 */
public record UnitWeekReports(
    String unitCode, String period, Set<String> items, Set<String> onTime) {

  public UnitWeekReports {
    items = Set.copyOf(items);
    onTime = Set.copyOf(onTime);
  }

  /** The summaries of {@code reports} in {@code periods}, as the database would make them. */
  public static List<UnitWeekReports> of(
      Collection<ReportFact> reports, Collection<String> periods) {
    Map<List<String>, Set<String>[]> by = new LinkedHashMap<>();
    for (ReportFact r : reports) {
      if (!r.leads() || r.unitCode() == null || !periods.contains(r.period())) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Set<String>[] sets =
          by.computeIfAbsent(
              List.of(r.unitCode(), r.period()),
              k -> (Set<String>[]) new Set<?>[] {new HashSet<String>(), new HashSet<String>()});
      sets[0].add(r.itemCode());
      if (!r.late()) {
        sets[1].add(r.itemCode());
      }
    }
    return by.entrySet().stream()
        .map(
            e ->
                new UnitWeekReports(
                    e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1]))
        .toList();
  }
}
