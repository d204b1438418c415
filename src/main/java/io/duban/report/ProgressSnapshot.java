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
    List<PlanStanding.Section> sections = new ArrayList<>();
    for (PlanItem top : items) {
      if (top.parentCode() != null) {
        continue;
      }
      List<ItemStanding> rows =
          items.stream()
              .filter(PlanItem::leaf)
              .filter(i -> i.code().equals(top.code()) || i.code().startsWith(top.code() + "."))
              .map(i -> standing(i, top.code(), week, zone, names))
              .toList();
      sections.add(new PlanStanding.Section(top, rows));
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
