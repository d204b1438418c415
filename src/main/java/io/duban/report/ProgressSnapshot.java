package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the progress of the current plan is judged from, read once: items, responsibilities, units,
 * reports and closings. {@link #standing} judges it for a week; a snapshot holding only each item's
 * latest reports before some weeks' ends (see {@link ProgressReader#asOf}) judges those weeks as
 * one holding every report would.
 *
 * @param year the plan's year, 0 without a plan
 * @param reportsByItem {@code reports} by item code
 * @param closings the standing closing of each closed item
 */
public record ProgressSnapshot(
    int year,
    List<PlanItem> items,
    Map<String, Assignment> assignments,
    List<Unit> units,
    List<ReportFact> reports,
    Map<String, List<ReportFact>> reportsByItem,
    Map<String, ClosingRecord> closings) {

  private static final Comparator<ReportFact> LATEST =
      Comparator.comparing(ReportFact::createdAt).thenComparing(ReportFact::id);

  /** A snapshot of the given facts, indexing the reports by item. */
  public static ProgressSnapshot of(
      List<PlanItem> items,
      Map<String, Assignment> assignments,
      List<Unit> units,
      List<ReportFact> reports,
      Map<String, ClosingRecord> closings) {
    return new ProgressSnapshot(
        items.isEmpty() ? 0 : items.get(0).year(),
        items,
        assignments,
        units,
        reports,
        reports.stream().collect(Collectors.groupingBy(ReportFact::itemCode)),
        closings);
  }

  /** Unit names by code. */
  public Map<String, String> unitNames() {
    return units.stream().collect(Collectors.toMap(Unit::code, Unit::name, (a, b) -> a));
  }

  /** The plan as of {@code week}: every leaf judged at the week's end in {@code zone}. */
  public PlanStanding standing(ReportWeek week, ZoneId zone) {
    Map<String, String> names = unitNames();
    // each leaf under every top-level item its code is or starts with (top + "."), found by its
    // code's prefixes: one pass over the plan, not one per part (10,000 items × 100 parts)
    Map<String, List<ItemStanding>> byTop = new java.util.HashMap<>();
    for (PlanItem top : items) {
      if (top.parentCode() == null) {
        byTop.put(top.code(), new ArrayList<>());
      }
    }
    for (PlanItem i : items) {
      if (!i.leaf()) {
        continue;
      }
      String code = i.code();
      for (int dot = code.indexOf('.'); ; dot = code.indexOf('.', dot + 1)) {
        String prefix = dot < 0 ? code : code.substring(0, dot);
        List<ItemStanding> rows = byTop.get(prefix);
        if (rows != null) {
          rows.add(standing(i, prefix, week, zone, names));
        }
        if (dot < 0) {
          break;
        }
      }
    }
    List<PlanStanding.Section> sections = new ArrayList<>();
    for (PlanItem top : items) {
      if (top.parentCode() == null) {
        sections.add(new PlanStanding.Section(top, List.copyOf(byTop.get(top.code()))));
      }
    }
    return new PlanStanding(week, week.sunday(), year, sections);
  }

  /** One item as of {@code week}, its section being its code's first part. */
  public ItemStanding standing(PlanItem item, ReportWeek week, ZoneId zone) {
    String code = item.code();
    String section = code.contains(".") ? code.substring(0, code.indexOf('.')) : code;
    return standing(item, section, week, zone, unitNames());
  }

  private ItemStanding standing(
      PlanItem item, String section, ReportWeek week, ZoneId zone, Map<String, String> names) {
    Instant end = week.end(zone);
    Assignment a = assignments.get(item.code());
    ReportFact latest =
        reportsByItem.getOrDefault(item.code(), List.of()).stream()
            // the item's own report: its lead unit's (a supporting unit's counts for itself only)
            .filter(ReportFact::leads)
            .filter(r -> r.createdAt().isBefore(end))
            .max(LATEST)
            .orElse(null);
    ClosingRecord closed = closings.get(item.code());
    if (closed != null && !closed.at().isBefore(end)) {
      closed = null;
    }
    Judgement judgement = LightRule.judge(a, latest, closed != null, year, week, week.sunday());
    return new ItemStanding(
        item,
        section,
        a == null ? null : a.leadUnit(),
        a == null ? "未分配" : names.getOrDefault(a.leadUnit(), a.leadUnit()),
        a == null
            ? List.of()
            : a.supportUnits().stream().map(u -> names.getOrDefault(u, u)).toList(),
        a == null ? null : a.deadline(),
        latest,
        judgement,
        closed);
  }
}
