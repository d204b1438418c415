package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingRecord;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The participation view: each unit that leads an open item, and for each of the last weeks whether
 * it reported on time, late, or not at all.
 */
@Service
class ParticipationService {

  static final int MAX_WEEKS = 26;

  private final ProgressReader progress;
  private final ZoneId zone;

  ParticipationService(ProgressReader progress, ZoneId zone) {
    this.progress = progress;
    this.zone = zone;
  }

  Mono<Participation> participation(ReportWeek week, int count) {
    int n = Math.max(1, Math.min(MAX_WEEKS, count));
    return progress.all().map(s -> participation(s, week, n));
  }

  Participation participation(ProgressSnapshot s, ReportWeek week, int n) {
    List<ReportWeek> weeks = new ArrayList<>();
    ReportWeek w = week;
    for (int i = 0; i < n; i++) {
      weeks.add(0, w);
      w = w.previous();
    }
    Set<String> leaves =
        s.items().stream().filter(PlanItem::leaf).map(PlanItem::code).collect(Collectors.toSet());
    List<Participation.UnitLine> lines = new ArrayList<>();
    for (Unit unit : s.units()) {
      List<String> led =
          s.assignments().values().stream()
              .filter(a -> a.leadUnit().equals(unit.code()))
              .map(Assignment::itemCode)
              .filter(leaves::contains)
              .sorted()
              .toList();
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
        List<ReportFact> reports =
            s.reports().stream()
                .filter(r -> unit.code().equals(r.unitCode()))
                // the unit's reports on items it leads: a report on another's item is extra
                .filter(r -> r.leads() && open.contains(r.itemCode()))
                .filter(r -> each.toString().equals(r.period()))
                .toList();
        Set<String> reported =
            reports.stream().map(ReportFact::itemCode).collect(Collectors.toSet());
        if (open.isEmpty()) {
          marks.add(Participation.Mark.NONE);
        } else if (reports.isEmpty()) {
          marks.add(Participation.Mark.MISSING);
        } else if (!reported.containsAll(open)) {
          // as 未报 and the reminders see it: an open item it leads still owes this week's report
          marks.add(Participation.Mark.PARTIAL);
        } else if (reports.stream().anyMatch(r -> !r.late())) {
          marks.add(Participation.Mark.ON_TIME);
        } else {
          marks.add(Participation.Mark.LATE);
        }
      }
      lines.add(new Participation.UnitLine(unit.code(), unit.name(), led, marks));
    }
    return new Participation(week, weeks, lines);
  }
}
