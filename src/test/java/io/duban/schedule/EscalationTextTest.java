package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.PlanItem;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitKind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Escalations write their dates as people read them: with the year when it is another year's. */
class EscalationTextTest {

  private final EscalationPlanner planner =
      new EscalationPlanner(
          null,
          new ScheduleProperties("cn", null, null, null, null, null, null, null, null),
          ZoneId.of("Asia/Shanghai"));

  @Test
  void anOverdueItemOfLastYearNamesItsDeadlineWithTheYear() {
    PlanItem item = new PlanItem(1, 2025, "1.1", "1", "加快科创园建设", "", true, 1);
    PlanSnapshot s =
        new PlanSnapshot(
            List.of(item),
            Map.of(
                "1.1",
                new Assignment("1.1", "a", List.of(), LocalDate.of(2025, 12, 31), List.of())),
            Map.of("a", new Unit("a", "平台科", UnitKind.DEPARTMENT)),
            Map.of(),
            Map.of(),
            List.of(),
            Map.of(),
            Set.of());

    List<EscalationPlanner.Flag> flags = planner.rate(s, LocalDate.of(2026, 1, 8));

    assertThat(flags)
        .singleElement()
        .extracting(EscalationPlanner.Flag::reason)
        .asString()
        .startsWith("已超过完成时限（2025年12月31日）");
  }
}
