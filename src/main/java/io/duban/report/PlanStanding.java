package io.duban.report;

import io.duban.plan.PlanItem;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The whole plan as of one week: sections with their leaf items, each judged by {@link LightRule}.
 * The board shows it, the ledger writes it and the digest chart draws it.
 */
public record PlanStanding(ReportWeek week, LocalDate asOf, int year, List<Section> sections) {

  /** A top-level part of the plan and its leaf items; a leaf section holds itself. */
  public record Section(PlanItem item, List<ItemStanding> rows) {

    /** Average completion of the section's items, closed and done items counting as 100. */
    public int completion() {
      return rows.isEmpty()
          ? 0
          : (int) Math.round(rows.stream().mapToInt(ItemStanding::percent).average().orElse(0));
    }
  }

  public List<ItemStanding> rows() {
    return sections.stream().flatMap(s -> s.rows().stream()).toList();
  }

  /** How many items show each light, every light present. */
  public Map<Light, Long> counts() {
    Map<Light, Long> counts = new EnumMap<>(Light.class);
    for (Light l : Light.values()) {
      counts.put(l, 0L);
    }
    rows().forEach(r -> counts.merge(r.light(), 1L, Long::sum));
    return counts;
  }
}
