package io.duban.unit;

import io.duban.system.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Replaces the responsibilities of many items at once (a spreadsheet upload), all in one
 * transaction: either every listed item gets its new lead, supports, deadline and milestones, or
 * nothing changes.
 */
@Service
class AssignmentImport {

  private final UnitRepository repository;
  private final TransactionalOperator tx;

  AssignmentImport(UnitRepository repository, TransactionalOperator tx) {
    this.repository = repository;
    this.tx = tx;
  }

  /**
   * Stores the assignments; the caller has validated them. An item code that is not in the current
   * plan still rolls the whole batch back with a 400.
   */
  Mono<Integer> replace(List<Assignment> assignments) {
    List<Mono<Void>> steps = new ArrayList<>();
    for (Assignment a : assignments) {
      steps.add(
          repository
              .currentItemId(a.itemCode())
              .switchIfEmpty(
                  Mono.error(DomainException.badRequest("没有编号为 " + a.itemCode() + " 的事项")))
              .flatMap(id -> repository.replaceAssignment(id, a)));
    }
    return tx.transactional(Flux.concat(steps).then(Mono.just(assignments.size())));
  }
}
