package io.duban.report;

import io.duban.system.DomainException;
import io.duban.unit.Acknowledgements;
import io.duban.unit.UnitService;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 签收 of assignments made before 签收 existed (the units file, an assignment sheet): none is owed
 * until an admin asks. Asked, each lead unit (or the one named) owes a 签收 of every item it leads
 * that is not closed and owes or gave none, and is told once in a notice that lists them; one
 * {@code 签收} answers it.
 */
@Service
public class AcknowledgementRequests {

  private final UnitService units;
  private final Acknowledgements acknowledgements;
  private final ClosedItems closed;
  private final TaskAssignments assignments;

  AcknowledgementRequests(
      UnitService units,
      Acknowledgements acknowledgements,
      ClosedItems closed,
      TaskAssignments assignments) {
    this.units = units;
    this.acknowledgements = acknowledgements;
    this.closed = closed;
    this.assignments = assignments;
  }

  /**
   * Asks the lead units ({@code unitCode}'s alone when given) for the 签收 of their items that owe
   * none yet, and tells them; emits the items newly owed one, empty when there are none.
   */
  public Mono<List<String>> request(String unitCode) {
    Mono<Void> known =
        unitCode == null
            ? Mono.empty()
            : units
                .unit(unitCode)
                .switchIfEmpty(Mono.error(DomainException.badRequest("没有这个单位：" + unitCode)))
                .then();
    return known
        .then(closed.codes())
        .flatMapMany(
            done ->
                units
                    .assignments()
                    .filter(a -> a.leadUnit() != null && !done.contains(a.itemCode()))
                    .filter(a -> unitCode == null || unitCode.equals(a.leadUnit())))
        .concatMap(
            a ->
                acknowledgements
                    .request(a.itemCode(), a.leadUnit())
                    .filter(fresh -> fresh)
                    .map(fresh -> a.itemCode()))
        .collectList()
        .flatMap(codes -> assignments.announceByUnit(codes).thenReturn(codes));
  }
}
