package io.duban.schedule;

import io.duban.plan.PlanService;
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
  private final ReportFacts reports;

  SnapshotReader(PlanService plans, UnitService units, ReportFacts reports) {
    this.plans = plans;
    this.units = units;
    this.reports = reports;
  }

  /** The plan, responsibilities and people now, and the latest reports made before {@code asOf}. */
  Mono<PlanSnapshot> read(Instant asOf) {
    return Mono.zip(
            plans.items().collectList(),
            units.assignments().collectMap(Assignment::itemCode, Function.identity()),
            units.units().collectMap(Unit::code, Function.identity()),
            units.allContacts().collect(Collectors.groupingBy(Contact::unitCode)),
            units.allGroups().collect(Collectors.groupingBy(GroupChat::unitCode)),
            units.leaderGroups().collectList(),
            reports
                .latestPerItem(asOf)
                .collectMap(ReportFacts.Report::itemCode, Function.identity()))
        .map(
            t ->
                new PlanSnapshot(
                    t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6(), t.getT7()));
  }
}
