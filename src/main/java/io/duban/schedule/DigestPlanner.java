package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import io.duban.digest.DigestComposer;
import io.duban.digest.WeeklyDigest;
import io.duban.plan.PlanItem;
import io.duban.unit.Assignment;
import io.duban.unit.GroupChat;
import io.duban.unit.Milestone;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a finished week's facts into the leaders' weekly digest. */
final class DigestPlanner {

  private final DigestComposer composer;
  private final DayOfWeek dueDay;
  private final LocalTime dueTime;
  private final ZoneId zone;

  DigestPlanner(DigestComposer composer, DayOfWeek dueDay, LocalTime dueTime, ZoneId zone) {
    this.composer = composer;
    this.dueDay = dueDay;
    this.dueTime = dueTime;
    this.zone = zone;
  }

  /**
   * @param now the plan, the latest reports and the closed items at the end of {@code week}
   * @param before the latest reports at the end of the week before
   * @param closedBefore the items closed at the end of the week before
   * @param reports the reports made in {@code week}, oldest first
   * @param previousReports the reports made the week before
   */
  WeeklyDigest build(
      IsoWeek week,
      PlanSnapshot now,
      Map<String, ReportFacts.Report> before,
      Set<String> closedBefore,
      List<ReportFacts.Report> reports,
      List<ReportFacts.Report> previousReports,
      String dashboardUrl) {
    Set<String> reportedNow = itemCodes(reports);
    Set<String> reportedBefore = itemCodes(previousReports);
    WeeklyDigest.Counts counts = counts(now, now.latest(), now.closed(), reportedNow, week);
    WeeklyDigest.Counts previous =
        counts(now, before, closedBefore, reportedBefore, week.minusWeeks(1));

    List<WeeklyDigest.Section> sections = new ArrayList<>();
    List<WeeklyDigest.Blocked> blocked = new ArrayList<>();
    for (PlanItem section : now.items()) {
      if (section.parentCode() != null) {
        continue;
      }
      List<WeeklyDigest.Item> lines = new ArrayList<>();
      for (PlanItem leaf : now.leaves()) {
        if (!leaf.code().equals(section.code()) && !leaf.code().startsWith(section.code() + ".")) {
          continue;
        }
        ReportFacts.Report r = now.latest().get(leaf.code());
        lines.add(
            new WeeklyDigest.Item(
                leaf.code(),
                leaf.title(),
                now.leadName(leaf.code()),
                r == null ? null : r.status(),
                r == null ? null : r.percent(),
                r == null ? "" : r.text(),
                reportedNow.contains(leaf.code()),
                now.closed(leaf.code())));
        if (r != null && "BLOCKED".equals(r.status()) && !now.closed(leaf.code())) {
          blocked.add(
              new WeeklyDigest.Blocked(
                  leaf.code(), leaf.title(), now.leadName(leaf.code()), r.text()));
        }
      }
      if (!lines.isEmpty()) {
        sections.add(new WeeklyDigest.Section(section.code(), section.title(), lines));
      }
    }

    Set<String> missing = new LinkedHashSet<>();
    for (PlanItem leaf : now.leaves()) {
      Assignment a = now.assignments().get(leaf.code());
      if (a != null && !now.finished(leaf.code()) && !reportedNow.contains(leaf.code())) {
        missing.add(a.leadUnit());
      }
    }
    Instant due = ZonedDateTime.of(week.monday().with(dueDay), dueTime, zone).toInstant();
    Map<String, Instant> firstReport = new TreeMap<>();
    // A report on a closed item is not one the unit owed, so it cannot make the unit late.
    reports.stream()
        .filter(r -> !now.closed(r.itemCode()))
        .forEach(
            r -> firstReport.merge(r.unitCode(), r.reportedAt(), (a, b) -> a.isBefore(b) ? a : b));
    List<String> late =
        firstReport.entrySet().stream()
            .filter(e -> e.getValue().isAfter(due) && !missing.contains(e.getKey()))
            .map(e -> now.unitName(e.getKey()))
            .toList();

    return new WeeklyDigest(
        week.toString(),
        week.monday(),
        week.sunday(),
        counts,
        previous,
        sections,
        blocked,
        missing.stream().map(now::unitName).toList(),
        late,
        dashboardUrl);
  }

  List<Dispatch> plan(WeeklyDigest digest, List<GroupChat> groups, String target) {
    String text = composer.compose(digest);
    return groups.stream()
        .map(
            g ->
                new Dispatch(
                    g,
                    OutboundMessage.text(text, List.of()),
                    "digest:" + digest.period() + ":" + target + ":" + g.id()))
        .toList();
  }

  /**
   * Every leaf in one bucket: closed, done, not reported this week, blocked, behind, on pace. A
   * closed item counts as closed whatever was reported after the closing.
   */
  private WeeklyDigest.Counts counts(
      PlanSnapshot s,
      Map<String, ReportFacts.Report> latest,
      Set<String> closed,
      Set<String> reported,
      IsoWeek week) {
    int closedItems = 0;
    int done = 0;
    int onPace = 0;
    int behind = 0;
    int blocked = 0;
    int notReported = 0;
    for (PlanItem leaf : s.leaves()) {
      ReportFacts.Report r = latest.get(leaf.code());
      if (closed.contains(leaf.code())) {
        closedItems++;
      } else if (r != null && "DONE".equals(r.status())) {
        done++;
      } else if (!reported.contains(leaf.code())) {
        notReported++;
      } else if ("BLOCKED".equals(r.status())) {
        blocked++;
      } else if ("DELAYED".equals(r.status())
          || behindPace(s.assignments().get(leaf.code()), r, week)) {
        behind++;
      } else {
        onPace++;
      }
    }
    return new WeeklyDigest.Counts(closedItems, done, onPace, behind, blocked, notReported);
  }

  private static boolean behindPace(Assignment a, ReportFacts.Report r, IsoWeek week) {
    if (a == null) {
      return false;
    }
    int percent = r.percent() == null ? 0 : r.percent();
    return a.milestones().stream()
        .filter(m -> !m.date().isAfter(week.sunday()))
        .max(java.util.Comparator.comparing(Milestone::date))
        .map(m -> percent < m.percent())
        .orElse(false);
  }

  private static Set<String> itemCodes(List<ReportFacts.Report> reports) {
    Set<String> codes = new LinkedHashSet<>();
    reports.forEach(r -> codes.add(r.itemCode()));
    return codes;
  }
}
