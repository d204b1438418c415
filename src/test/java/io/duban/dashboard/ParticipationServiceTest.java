package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
import io.duban.report.ClosingAction;
import io.duban.report.ClosingChannel;
import io.duban.report.ClosingRecord;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportResponsibility;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** 报送情况 per unit and week, judged on every open item the unit leads. */
class ParticipationServiceTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ReportWeek WEEK = ReportWeek.parse("2024-W26");

  private final ParticipationService service = new ParticipationService(null, ZONE);

  @Test
  void aUnitThatReportedOneOfTwoItemsItLeadsIsPartlyMissingNotOnTime() {
    ProgressSnapshot s = snapshot(List.of(fact(1, "4.1", "cooperation", false)));

    Participation p = service.participation(s, WEEK, 1);

    Participation.UnitLine line = p.units().get(0);
    assertThat(line.marks()).containsExactly(Participation.Mark.PARTIAL);
    assertThat(line.missing()).isEqualTo(1);
    assertThat(line.onTime()).isZero();
  }

  @Test
  void aUnitThatReportedEveryItemItLeadsIsOnTimeOrLate() {
    ProgressSnapshot onTime =
        snapshot(
            List.of(fact(1, "4.1", "cooperation", false), fact(2, "4.2", "cooperation", true)));
    ProgressSnapshot late =
        snapshot(List.of(fact(1, "4.1", "cooperation", true), fact(2, "4.2", "cooperation", true)));

    assertThat(service.participation(onTime, WEEK, 1).units().get(0).marks())
        .containsExactly(Participation.Mark.ON_TIME);
    assertThat(service.participation(late, WEEK, 1).units().get(0).marks())
        .containsExactly(Participation.Mark.LATE);
    assertThat(service.participation(snapshot(List.of()), WEEK, 1).units().get(0).marks())
        .containsExactly(Participation.Mark.MISSING);
  }

  /**
   * On a generated plan (60 units leading 600 items, some closed, eight weeks of reports on time,
   * late, supporting or on another's item), every line and mark is what the first implementation,
   * which read every report for every unit and week, made of the same snapshot; and paging cuts it
   * into {@link ParticipationService#PAGE_SIZE} lines a page.
   */
  @Test
  void marksFromTheWeeksSummariesAreThoseOfReadingEveryReport() {
    Random random = new Random(17);
    List<PlanItem> items = new ArrayList<>();
    Map<String, Assignment> assignments = new HashMap<>();
    List<Unit> units = new ArrayList<>();
    for (int u = 1; u <= 260; u++) {
      units.add(new Unit("u" + u, "单位" + u, UnitKind.DEPARTMENT));
    }
    for (int part = 1; part <= 10; part++) {
      items.add(new PlanItem(part * 1000, 2024, "" + part, null, "部分", "", false, part, List.of()));
      for (int leaf = 1; leaf <= 60; leaf++) {
        String code = part + "." + leaf;
        items.add(
            new PlanItem(part * 1000 + leaf, 2024, code, "" + part, "事项", "", true, 0, List.of()));
        // units 1..250 lead; 251..260 lead nothing and have no line
        assignments.put(
            code,
            new Assignment(code, "u" + (1 + random.nextInt(250)), List.of(), null, List.of()));
      }
    }
    Map<String, ClosingRecord> closings = new HashMap<>();
    List<ReportWeek> weeks = new ArrayList<>();
    for (ReportWeek w = WEEK; weeks.size() < 8; w = w.previous()) {
      weeks.add(w);
    }
    for (String code : assignments.keySet()) {
      if (random.nextInt(10) == 0) {
        Instant at = weeks.get(random.nextInt(8)).start(ZONE).plusSeconds(3600);
        closings.put(
            code,
            new ClosingRecord(
                code, ClosingAction.CLOSE, "leader", ClosingChannel.DASHBOARD, "", at));
      }
    }
    List<ReportFact> reports = new ArrayList<>();
    long id = 0;
    for (ReportWeek w : weeks) {
      for (Assignment a : assignments.values()) {
        int roll = random.nextInt(10);
        if (roll < 6) {
          String unit = roll == 0 ? "u" + (1 + random.nextInt(260)) : a.leadUnit();
          ReportResponsibility r =
              roll == 1 ? ReportResponsibility.SUPPORT : ReportResponsibility.LEAD;
          reports.add(
              new ReportFact(
                  ++id,
                  a.itemCode(),
                  unit,
                  "联络员",
                  ReportStatus.IN_PROGRESS,
                  50,
                  "推进中",
                  null,
                  w.toString(),
                  w.start(ZONE).plusSeconds(7200),
                  random.nextInt(3) == 0,
                  false,
                  r));
        }
      }
    }
    ProgressSnapshot s = ProgressSnapshot.of(items, assignments, units, reports, closings);

    Participation p = service.participation(s, WEEK, 8);

    assertThat(p.units()).hasSizeGreaterThan(200).isEqualTo(reference(s, WEEK, 8));
    assertThat(p.units().stream().flatMap(l -> l.marks().stream()).distinct())
        .as("every kind of mark occurs")
        .containsExactlyInAnyOrder(Participation.Mark.values());
    Participation second = p.page(2, ParticipationService.PAGE_SIZE);
    assertThat(second.pages()).isEqualTo((p.units().size() + 99) / 100);
    assertThat(second.total()).isEqualTo(p.units().size());
    assertThat(second.units()).isEqualTo(p.units().subList(100, 200));
    assertThat(p.page(99, ParticipationService.PAGE_SIZE).page()).isEqualTo(second.pages());
  }

  /** The first implementation, kept as the reference: every report read for every unit and week. */
  private static List<Participation.UnitLine> reference(
      ProgressSnapshot s, ReportWeek week, int n) {
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
                      return c == null || c.at().isAfter(each.start(ZONE));
                    })
                .toList();
        List<ReportFact> reports =
            s.reports().stream()
                .filter(r -> unit.code().equals(r.unitCode()))
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
          marks.add(Participation.Mark.PARTIAL);
        } else if (reports.stream().anyMatch(r -> !r.late())) {
          marks.add(Participation.Mark.ON_TIME);
        } else {
          marks.add(Participation.Mark.LATE);
        }
      }
      lines.add(new Participation.UnitLine(unit.code(), unit.name(), led, marks));
    }
    return lines;
  }

  private static ProgressSnapshot snapshot(List<ReportFact> reports) {
    List<PlanItem> items =
        List.of(
            new PlanItem(1, 2024, "4", null, "深化区域科技合作", "", false, 0, List.of()),
            new PlanItem(2, 2024, "4.1", "4", "对接港澳创新资源", "", true, 1, List.of()),
            new PlanItem(3, 2024, "4.2", "4", "深中科技合作", "", true, 2, List.of()));
    Map<String, Assignment> assignments =
        Map.of(
            "4.1", new Assignment("4.1", "cooperation", List.of(), null, List.of()),
            "4.2", new Assignment("4.2", "cooperation", List.of(), null, List.of()));
    return ProgressSnapshot.of(
        items,
        assignments,
        List.of(new Unit("cooperation", "区域科技合作科", UnitKind.DEPARTMENT)),
        reports,
        Map.of());
  }

  private static ReportFact fact(long id, String code, String unit, boolean late) {
    return new ReportFact(
        id,
        code,
        unit,
        "联络员",
        ReportStatus.IN_PROGRESS,
        50,
        "推进中",
        null,
        WEEK.toString(),
        Instant.parse("2024-06-26T02:00:00Z"),
        late,
        false,
        ReportResponsibility.LEAD);
  }
}
