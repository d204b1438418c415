package io.duban.plan;

import io.duban.system.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The plan catalogue: the current year's items, and importing a new plan. */
@Service
public class PlanService {

  private final PlanRepository plans;
  private final TransactionalOperator tx;
  private final ApplicationEventPublisher events;
  private final PlanDocumentParser parser = new PlanDocumentParser();

  PlanService(PlanRepository plans, TransactionalOperator tx, ApplicationEventPublisher events) {
    this.plans = plans;
    this.tx = tx;
    this.events = events;
  }

  /** The year of the current plan (the latest imported), empty before any import. */
  public Mono<Integer> currentYear() {
    return plans.currentYear();
  }

  /** All items of the current plan in document order. */
  public Flux<PlanItem> items() {
    return plans.currentYear().flatMapMany(plans::items);
  }

  /** The reportable items of the current plan. */
  public Flux<PlanItem> leaves() {
    return items().filter(PlanItem::leaf);
  }

  /** An item of the current plan, or a 404 refusal. */
  public Mono<PlanItem> item(String code) {
    return findItem(code)
        .switchIfEmpty(Mono.error(DomainException.notFound("no plan item with code " + code)));
  }

  /** An item of the current plan, or empty. */
  public Mono<PlanItem> findItem(String code) {
    return plans.currentYear().flatMap(year -> plans.item(year, code));
  }

  /** Reads a plan document and stores it, all or nothing. */
  public Mono<ImportResult> importDocument(String document, Integer year, String source) {
    return Mono.fromCallable(() -> parser.parse(document, year, source)).flatMap(this::store);
  }

  Mono<ImportResult> store(ParsedPlan plan) {
    Mono<ImportResult> stored =
        plans
            .exists(plan.year())
            .flatMap(
                exists ->
                    exists
                        ? Mono.error(
                            new DomainException(
                                HttpStatus.CONFLICT,
                                "PLAN_EXISTS",
                                "a plan for " + plan.year() + " is already stored"))
                        : plans.insertPlan(plan))
            .flatMap(
                planId ->
                    Flux.range(0, plan.items().size())
                        .concatMap(
                            i -> {
                              ParsedPlan.Item item = plan.items().get(i);
                              return plans.insertItem(planId, item, plan.isLeaf(item.code()), i);
                            })
                        .then(
                            Mono.just(
                                new ImportResult(
                                    plan.year(),
                                    plan.title(),
                                    plan.items().size(),
                                    plan.leaves().stream().map(ParsedPlan.Item::code).toList()))));
    return tx.transactional(stored)
        .doOnSuccess(result -> events.publishEvent(new PlanCatalogueChanged(result.year())));
  }

  Mono<Boolean> isEmpty() {
    return plans.countItems().map(n -> n == 0);
  }

  /** What an import stored. */
  public record ImportResult(int year, String title, int items, java.util.List<String> leaves) {}
}
