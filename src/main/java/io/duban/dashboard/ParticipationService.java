package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingRecord;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportWeek;
import io.duban.report.UnitWeekReports;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The participation view: each unit that leads an open item, and for each of the last weeks whether
 * it reported on time, late, or not at all.
 *
 * <p>It reads the plan without reports and, per unit and week, only which items the unit reported
 * on ({@link UnitWeekReports}, one grouped query): at 2,000 units and a million reports, reading
 * the reports themselves took minutes. Units are shown {@link #PAGE_SIZE} to a page.
 */
@Service
class ParticipationService {

  static final int MAX_WEEKS = 26;

  /** Units on one page of 报送情况. */
  static final int PAGE_SIZE = 100;

  private final ProgressReader progress;
  private final ZoneId zone;

  ParticipationService(ProgressReader progress, ZoneId zone) {
    this.progress = progress;
    this.zone = zone;
  }

  /**
   * Page {@code page} (from 1; out of range: the nearest) of the last {@code count} weeks: which
   * units are on the page is known from the plan alone, so the reports are asked only for those
   * units (one grouped query for the page, not for every unit).
   */
  Mono<Participation> participation(ReportWeek week, int count, int page) {
    List<ReportWeek> weeks = weeks(week, count);
    return progress
        .withoutReports()
        .flatMap(
            s -> {
              Map<String, List<String>> ledBy = ledBy(s);
              List<Unit> leading =
                  s.units().stream().filter(u -> ledBy.containsKey(u.code())).toList();
              int pages = Math.max(1, (leading.size() + PAGE_SIZE - 1) / PAGE_SIZE);
              int p = Math.max(1, Math.min(pages, page));
              int from = (p - 1) * PAGE_SIZE;
              List<Unit> shown = leading.subList(from, Math.min(leading.size(), from + PAGE_SIZE));
              return progress
                  .unitWeeks(weeks, shown.stream().map(Unit::code).toList())
                  .collectList()
                  .map(
                      reported ->
                          new Participation(
                              week,
                              weeks,
                              lines(s, shown, ledBy, weeks, reported),
                              p,
                              pages,
                              leading.size()));
            });
  }

  /** Every unit's line, judged from the reports {@code s} holds. */
  Participation participation(ProgressSnapshot s, ReportWeek week, int count) {
    List<ReportWeek> weeks = weeks(week, count);
    return participation(
        s,
        week,
        weeks,
        UnitWeekReports.of(s.reports(), weeks.stream().map(ReportWeek::toString).toList()));
  }

  private static List<ReportWeek> weeks(ReportWeek week, int count) {
    int n = Math.max(1, Math.min(MAX_WEEKS, count));
    List<ReportWeek> weeks = new ArrayList<>();
    ReportWeek w = week;
    for (int i = 0; i < n; i++) {
      weeks.add(0, w);
      w = w.previous();
    }
    return weeks;
  }

  private Participation participation(
      ProgressSnapshot s, ReportWeek week, List<ReportWeek> weeks, List<UnitWeekReports> reported) {
    Map<String, List<String>> ledBy = ledBy(s);
    List<Participation.UnitLine> lines = lines(s, s.units(), ledBy, weeks, reported);
    return new Participation(week, weeks, lines, 1, 1, lines.size());
  }

  /** The leaves each unit leads, sorted, read once rather than once per unit. */
  private static Map<String, List<String>> ledBy(ProgressSnapshot s) {
    Set<String> leaves =
        s.items().stream().filter(PlanItem::leaf).map(PlanItem::code).collect(Collectors.toSet());
    Map<String, List<String>> ledBy = new HashMap<>();
    for (Assignment a : s.assignments().values()) {
      if (leaves.contains(a.itemCode())) {
        ledBy.computeIfAbsent(a.leadUnit(), u -> new ArrayList<>()).add(a.itemCode());
      }
    }
    ledBy.replaceAll((u, codes) -> codes.stream().sorted().toList());
    return ledBy;
  }

  /** The lines of {@code units} that lead an item, in their order. */
  private List<Participation.UnitLine> lines(
      ProgressSnapshot s,
      List<Unit> units,
      Map<String, List<String>> ledBy,
      List<ReportWeek> weeks,
      List<UnitWeekReports> reported) {
    Map<String, UnitWeekReports> byUnitWeek = new TreeMap<>();
    for (UnitWeekReports r : reported) {
      byUnitWeek.put(r.unitCode() + " " + r.period(), r);
    }
    List<Participation.UnitLine> lines = new ArrayList<>();
    for (Unit unit : units) {
      List<String> led = ledBy.getOrDefault(unit.code(), List.of());
      if (led.isEmpty()) {
        continue;
      }
      List<Participation.Mark> marks = new ArrayList<>();
      for (ReportWeek each : weeks) {
        List<String> open =
            led.stream()
                .filter(
                    code -> {
                      ClosingRecord c = s.closings().get(code);
                      return c == null || c.at().isAfter(each.start(zone));
                    })
                .toList();
        UnitWeekReports r = byUnitWeek.get(unit.code() + " " + each);
        // the unit's reports on items it leads: a report on another's item is extra
        List<String> done =
            r == null ? List.of() : open.stream().filter(r.items()::contains).toList();
        if (open.isEmpty()) {
          marks.add(Participation.Mark.NONE);
        } else if (done.isEmpty()) {
          marks.add(Participation.Mark.MISSING);
        } else if (done.size() < open.size()) {
          // as 未报 and the reminders see it: an open item it leads still owes this week's report
          marks.add(Participation.Mark.PARTIAL);
        } else if (done.stream().anyMatch(r.onTime()::contains)) {
          marks.add(Participation.Mark.ON_TIME);
        } else {
          marks.add(Participation.Mark.LATE);
        }
      }
      lines.add(new Participation.UnitLine(unit.code(), unit.name(), led, marks));
    }
    return lines;
  }
}
