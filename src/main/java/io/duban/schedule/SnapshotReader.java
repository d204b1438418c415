package io.duban.schedule;

import io.duban.plan.PlanService;
import io.duban.report.ClosedItems;
import io.duban.report.ProgressFacts;
import io.duban.report.ReportFact;
import io.duban.unit.Assignment;
import io.duban.unit.Contact;
import io.duban.unit.GroupChat;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads a {@link PlanSnapshot} through the plan, unit and report features' public services. */
@Component
class SnapshotReader {

  private final PlanService plans;
  private final UnitService units;
  private final ProgressFacts reports;
  private final ClosedItems closed;

  SnapshotReader(PlanService plans, UnitService units, ProgressFacts reports, ClosedItems closed) {
    this.plans = plans;
    this.units = units;
    this.reports = reports;
    this.closed = closed;
  }

  /**
   * The plan, responsibilities and people now, and the latest reports made and items closed before
   * {@code asOf}.
   */
  Mono<PlanSnapshot> read(Instant asOf) {
    return Mono.zip(
            plans.items().collectList(),
            units.assignments().collectMap(Assignment::itemCode, Function.identity()),
            units.units().collectMap(Unit::code, Function.identity()),
            units.allContacts().collect(Collectors.groupingBy(Contact::unitCode)),
            units.allGroups().collect(Collectors.groupingBy(GroupChat::unitCode)),
            units.leaderGroups().collectList(),
            reports.latestPerItem(asOf).collectMap(ReportFact::itemCode, Function.identity()),
            closed.codesClosedBefore(asOf))
        .map(
            t ->
                new PlanSnapshot(
                    t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6(), t.getT7(),
                    t.getT8()));
  }
}
