package io.duban.unit;

import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 签收: an item assigned to a lead unit is owed that unit's acknowledgement; the unit gives it in
 * chat ({@code 签收 J2026-001}) and the 台账 shows when. The reminders ask who still owes one.
 */
@Service
public class Acknowledgements {

  private final AcknowledgementRepository repository;
  private final PlanService plans;
  private final UnitRepository units;
  private final Clock clock;

  Acknowledgements(
      AcknowledgementRepository repository, PlanService plans, UnitRepository units, Clock clock) {
    this.repository = repository;
    this.plans = plans;
    this.units = units;
    this.clock = clock;
  }

  /** Every 签收 owed or given on the current plan's items. */
  public Flux<Acknowledgement> all() {
    return repository.all();
  }

  /** The item's 签收, or empty when it was never assigned. */
  public Mono<Acknowledgement> of(String itemCode) {
    return plans.findItem(itemCode).flatMap(this::of);
  }

  /** The item's 签收, or empty; also for an item filed in the caller's open transaction. */
  public Mono<Acknowledgement> of(io.duban.plan.PlanItem item) {
    return repository.of(item.id(), item.code());
  }

  /**
   * Records that {@code unitCode} acknowledged the item. Refused (404) for an unknown or unassigned
   * item, (409) when another unit leads it or it was acknowledged already; nothing changes then.
   */
  public Mono<Acknowledgement> acknowledge(String itemCode, String unitCode, String person) {
    Instant now = clock.instant();
    return plans
        .item(itemCode)
        .flatMap(
            item ->
                of(item)
                    .switchIfEmpty(
                        Mono.error(
                            new DomainException(
                                HttpStatus.NOT_FOUND,
                                "NOT_ASSIGNED",
                                "事项 " + item.code() + " 尚未交办给任何单位，无需签收")))
                    .flatMap(
                        owed -> {
                          if (!owed.unitCode().equals(unitCode)) {
                            return unitName(owed.unitCode())
                                .flatMap(
                                    name ->
                                        Mono.error(
                                            new DomainException(
                                                HttpStatus.CONFLICT,
                                                "NOT_LEAD_UNIT",
                                                "事项 "
                                                    + item.code()
                                                    + " 由"
                                                    + name
                                                    + "牵头，须由牵头单位签收")));
                          }
                          if (owed.acknowledged()) {
                            return Mono.error(
                                new DomainException(
                                    HttpStatus.CONFLICT,
                                    "ALREADY_ACKNOWLEDGED",
                                    "事项 " + item.code() + " 已由" + owed.acknowledgedBy() + "签收"));
                          }
                          return repository
                              .acknowledge(item.id(), unitCode, person, now)
                              .thenReturn(
                                  new Acknowledgement(
                                      item.code(), unitCode, owed.assignedAt(), now, person));
                        }));
  }

  /**
   * Records {@code unitCode}'s 签收 of every item it still owes one, as a unit answers a notice that
   * listed several (a plan published to units) with one {@code 签收}; emits the items acknowledged,
   * the current plan's first, then those of other years' plans (coded with their year, as
   * 2014年1.3), none when it owed none.
   */
  public Flux<Acknowledgement> acknowledgeAll(String unitCode, String person) {
    Instant now = clock.instant();
    Flux<Acknowledgement> elsewhere =
        currentYear()
            .flatMapMany(year -> owedElsewhere(unitCode, year))
            .concatMap(
                owed ->
                    repository
                        .acknowledge(owed.itemId(), unitCode, person, now)
                        .filter(n -> n > 0)
                        .map(
                            n ->
                                new Acknowledgement(
                                    owed.year() + "年" + owed.code(),
                                    unitCode,
                                    owed.assignedAt(),
                                    now,
                                    person)));
    return current(unitCode, person, now).concatWith(elsewhere);
  }

  /**
   * The 签收 of an item of another year's plan, given by code: when {@code unitCode} owes a 签收 of
   * exactly one item coded {@code itemCode} in a plan other than the current one (a plan of another
   * year published to units, whose notice asked for it), records it; empty otherwise, and nothing
   * changes.
   */
  public Mono<AcknowledgedElsewhere> acknowledgeElsewhere(
      String itemCode, String unitCode, String person) {
    Instant now = clock.instant();
    return currentYear()
        .flatMap(
            year ->
                owedElsewhere(unitCode, year)
                    .filter(owed -> owed.code().equals(itemCode))
                    .collectList())
        .filter(owed -> owed.size() == 1)
        .map(owed -> owed.get(0))
        .flatMap(
            owed ->
                repository
                    .acknowledge(owed.itemId(), unitCode, person, now)
                    .filter(n -> n > 0)
                    .map(
                        n ->
                            new AcknowledgedElsewhere(
                                owed.year(),
                                owed.title(),
                                new Acknowledgement(
                                    owed.code(), unitCode, owed.assignedAt(), now, person))));
  }

  /** A 签收 of an item of another year's plan: that year, the item's title and the 签收. */
  public record AcknowledgedElsewhere(int year, String title, Acknowledgement acknowledgement) {}

  /** The current plan's year, 0 before any plan (every plan is then another year's). */
  private Mono<Integer> currentYear() {
    return plans.currentYear().defaultIfEmpty(0);
  }

  /** An item of another year's plan that a unit owes a 签收 of. */
  private record Owed(long itemId, String code, String title, int year, Instant assignedAt) {}

  /**
   * The items of plans other than {@code currentYear}'s that {@code unitCode} still owes a 签收 of (a
   * plan of another year published to units), newest plan first, in document order.
   */
  private Flux<Owed> owedElsewhere(String unitCode, int currentYear) {
    return repository
        .owedBy(unitCode)
        .flatMapMany(
            owed ->
                plans
                    .itemsById(owed.keySet())
                    .filter(item -> item.year() != currentYear)
                    .map(
                        item ->
                            new Owed(
                                item.id(),
                                item.code(),
                                item.title(),
                                item.year(),
                                owed.get(item.id()))));
  }

  private Flux<Acknowledgement> current(String unitCode, String person, Instant now) {
    return repository
        .all()
        .filter(a -> a.unitCode().equals(unitCode) && !a.acknowledged())
        .concatMap(
            owed ->
                plans
                    .findItem(owed.itemCode())
                    .flatMap(item -> repository.acknowledge(item.id(), unitCode, person, now))
                    .filter(n -> n > 0)
                    .map(
                        n ->
                            new Acknowledgement(
                                owed.itemCode(), unitCode, owed.assignedAt(), now, person)));
  }

  /**
   * Asks {@code leadUnit} for a 签收 of an item assigned before 签收 existed (the units file, an
   * assignment sheet): owes it one from now unless one is owed or given already; true when newly
   * owed.
   */
  public Mono<Boolean> request(String itemCode, String leadUnit) {
    return plans
        .findItem(itemCode)
        .flatMap(
            item -> repository.of(item.id(), item.code()).hasElement().zipWith(Mono.just(item)))
        .filter(t -> !t.getT1())
        .flatMap(t -> assign(t.getT2().id(), leadUnit))
        .defaultIfEmpty(false);
  }

  /** Owes the lead unit a 签收 for the item from now; true when newly assigned. */
  Mono<Boolean> assign(long itemId, String leadUnit) {
    return repository.assign(itemId, leadUnit, clock.instant());
  }

  private Mono<String> unitName(String code) {
    return units.unit(code).map(Unit::name).defaultIfEmpty(code);
  }
}
