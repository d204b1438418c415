package io.duban.digest;

import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a finished week's facts into the leaders' weekly digest. Every item is judged by the
 * snapshot's {@link PlanStanding}, the very standing the board shows and the chart draws.
 */
final class DigestAssembler {

  private final ZoneId zone;

  DigestAssembler(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * @param snapshot the plan, the latest reports at the end of {@code week} and of the week before,
   *     and the closings
   * @param reports the reports made in {@code week}, oldest first
   * @param previousReports the reports made the week before
   * @param due a unit's first report of the week after this is late
   * @param dashboardUrl the dashboard's public address, or null
   */
  WeeklyDigest assemble(
      ProgressSnapshot snapshot,
      ReportWeek week,
      List<ReportFact> reports,
      List<ReportFact> previousReports,
      Instant due,
      String dashboardUrl) {
    PlanStanding now = snapshot.standing(week, zone);
    PlanStanding before = snapshot.standing(week.previous(), zone);
    Set<String> reportedNow = itemCodes(reports);
    Map<String, String> unitNames = snapshot.unitNames();

    List<WeeklyDigest.Section> sections = new ArrayList<>();
    List<WeeklyDigest.Blocked> blocked = new ArrayList<>();
    List<WeeklyDigest.Item> items = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    Set<String> closed = new LinkedHashSet<>();
    List<WeeklyDigest.Overdue> overdue = new ArrayList<>();
    for (PlanStanding.Section section : now.sections()) {
      List<WeeklyDigest.Item> lines = new ArrayList<>();
      for (ItemStanding row : section.rows()) {
        WeeklyDigest.Item item = item(row, reportedNow, now.asOf());
        lines.add(item);
        if (item.overdue()) {
          overdue.add(
              new WeeklyDigest.Overdue(
                  row.item().code(), row.item().title(), item.unitName(), row.deadline()));
        }
        ReportFact r = row.latest();
        if (r != null && r.status() == ReportStatus.BLOCKED && !row.closed()) {
          blocked.add(
              new WeeklyDigest.Blocked(
                  row.item().code(), row.item().title(), item.unitName(), r.summary()));
        }
        if (row.closed()) {
          closed.add(row.item().code());
        } else if (row.leadUnit() != null && !(r != null && r.done()) && !item.reportedThisWeek()) {
          missing.add(row.leadUnit());
        }
      }
      items.addAll(lines);
      if (!lines.isEmpty()) {
        sections.add(
            new WeeklyDigest.Section(section.item().code(), section.item().title(), lines));
      }
    }
    Set<String> reportedBefore = itemCodes(previousReports);
    List<WeeklyDigest.Item> previous =
        before.rows().stream().map(row -> item(row, reportedBefore, before.asOf())).toList();

    Map<String, Instant> firstReport = new TreeMap<>();
    // A report on a closed item is not one the unit owed, so it cannot make the unit late.
    reports.stream()
        .filter(ReportFact::leads)
        .filter(r -> !closed.contains(r.itemCode()))
        .forEach(
            r -> firstReport.merge(r.unitCode(), r.createdAt(), (a, b) -> a.isBefore(b) ? a : b));
    List<String> late =
        firstReport.entrySet().stream()
            .filter(e -> e.getValue().isAfter(due) && !missing.contains(e.getKey()))
            .map(e -> unitNames.getOrDefault(e.getKey(), e.getKey()))
            .toList();

    return new WeeklyDigest(
        week,
        WeeklyDigest.Counts.of(items),
        WeeklyDigest.Counts.of(previous),
        sections,
        blocked,
        missing.stream().map(u -> unitNames.getOrDefault(u, u)).toList(),
        late,
        dashboardUrl,
        overdue,
        List.of(),
        highlights(snapshot, items, previous));
  }

  /** How many red items of each leader the highlights keep (the composer names fewer). */
  static final int REDS_KEPT = 5;

  /** The changes of light since the week before and the red items per responsible leader. */
  private static WeeklyDigest.Highlights highlights(
      ProgressSnapshot snapshot, List<WeeklyDigest.Item> items, List<WeeklyDigest.Item> previous) {
    Map<String, Light> before = new HashMap<>();
    previous.forEach(i -> before.put(i.code(), i.light()));
    List<WeeklyDigest.Change> changes = new ArrayList<>();
    Map<String, List<WeeklyDigest.Item>> reds = new HashMap<>();
    for (WeeklyDigest.Item i : items) {
      Light was = before.get(i.code());
      if (was != null && was != i.light()) {
        changes.add(new WeeklyDigest.Change(i.code(), i.title(), i.unitName(), was, i.light()));
      }
      if (i.light() == Light.RED) {
        Assignment a = snapshot.assignments().get(i.code());
        String leader =
            a == null || a.leader() == null ? WeeklyDigest.Highlights.NO_LEADER : a.leader();
        reds.computeIfAbsent(leader, l -> new ArrayList<>()).add(i);
      }
    }
    Comparator<WeeklyDigest.Item> worstFirst =
        Comparator.comparing((WeeklyDigest.Item i) -> !i.overdue())
            .thenComparing(i -> i.status() != ReportStatus.BLOCKED)
            .thenComparing(i -> i.percent() == null ? -1 : i.percent());
    List<WeeklyDigest.LeaderReds> byLeader =
        reds.entrySet().stream()
            .map(
                e ->
                    new WeeklyDigest.LeaderReds(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream().sorted(worstFirst).limit(REDS_KEPT).toList()))
            .sorted(
                Comparator.comparing((WeeklyDigest.LeaderReds l) -> -l.count())
                    .thenComparing(WeeklyDigest.LeaderReds::leader))
            .toList();
    return new WeeklyDigest.Highlights(changes, byLeader);
  }

  private static WeeklyDigest.Item item(
      ItemStanding row, Set<String> reported, java.time.LocalDate asOf) {
    ReportFact r = row.latest();
    return new WeeklyDigest.Item(
        row.item().code(),
        row.item().title(),
        row.leadUnit() == null ? "" : row.leadName(),
        r == null ? null : r.status(),
        r == null ? null : r.percent(),
        r == null ? "" : r.summary(),
        // reported this week means a report the standing shows: never a count without a report
        r != null && reported.contains(row.item().code()),
        row.closed(),
        row.judgement().behindPace(),
        row.light(),
        row.overdue(asOf));
  }

  /** Items with a report of their lead unit: a supporting unit's report counts for itself only. */
  private static Set<String> itemCodes(List<ReportFact> reports) {
    return reports.stream()
        .filter(ReportFact::leads)
        .map(ReportFact::itemCode)
        .collect(Collectors.toSet());
  }
}
