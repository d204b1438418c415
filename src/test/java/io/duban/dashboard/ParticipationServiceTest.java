package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
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
import java.util.List;
import java.util.Map;
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
