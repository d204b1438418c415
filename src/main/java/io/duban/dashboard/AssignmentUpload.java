package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.unit.AssignmentImport;
import io.duban.unit.UnitService;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Validates an uploaded responsibilities sheet as a whole and applies it all or nothing. */
@Service
class AssignmentUpload {

  private final PlanService plans;
  private final UnitService units;
  private final AssignmentImport importer;

  AssignmentUpload(PlanService plans, UnitService units, AssignmentImport importer) {
    this.plans = plans;
    this.units = units;
    this.importer = importer;
  }

  /** The sheet's problems when there are any (nothing stored), else the stored assignments. */
  Mono<AssignmentSheet.Result> upload(byte[] xlsx) {
    return Mono.zip(
            plans.leaves().map(PlanItem::code).collect(Collectors.toSet()),
            units.units().collectList())
        .publishOn(Schedulers.boundedElastic())
        .map(t -> AssignmentSheet.read(xlsx, t.getT1(), t.getT2()))
        .flatMap(
            result ->
                result.valid()
                    ? importer.replace(result.assignments()).thenReturn(result)
                    : Mono.just(result));
  }
}
