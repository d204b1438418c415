package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.duban.unit.Assignment;
import io.duban.unit.UnitService;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closing items (办结销号): once the lead unit has reported an item DONE, a leader confirms it and the
 * item is closed: it leaves reminders and shows as closed in digests and the ledger. A leader can
 * reopen it. Every close and reopen is audited with who, when and where.
 */
@Service
public class ItemClosing {

  private final ClosingRepository repository;
  private final PlanService plans;
  private final UnitService units;
  private final ProgressFacts facts;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final ItemLifecycle lifecycle;
  private final LifecycleProperties properties;

  ItemClosing(
      ClosingRepository repository,
      PlanService plans,
      UnitService units,
      ProgressFacts facts,
      TransactionalOperator tx,
      Clock clock,
      ItemLifecycle lifecycle,
      LifecycleProperties properties) {
    this.lifecycle = lifecycle;
    this.properties = properties;
    this.repository = repository;
    this.plans = plans;
    this.units = units;
    this.facts = facts;
    this.tx = tx;
    this.clock = clock;
  }

  /** The closed items with who closed them and when. */
  public Flux<ClosingRecord> closings() {
    return repository.closed();
  }

  /**
   * Closes an item. Refused (409) unless the item's lead unit has reported it DONE as its latest
   * report, or when it is already closed; 404 for an unknown item.
   */
  public Mono<ClosingRecord> close(String itemCode, String actor, ClosingChannel via, String note) {
    return close(itemCode, actor, via, note, clock.instant());
  }

  /**
   * Closes an item as of an earlier time, from an earlier record (the first-run demo); refused as
   * {@link #close} is, and with a time in the future.
   */
  public Mono<ClosingRecord> closePast(
      String itemCode, String actor, ClosingChannel via, String note, Instant at) {
    if (at == null || at.isAfter(clock.instant())) {
      return Mono.error(
          DomainException.badRequest("a past closing needs a time not in the future"));
    }
    return close(itemCode, actor, via, note, at);
  }

  private Mono<ClosingRecord> close(
      String itemCode, String actor, ClosingChannel via, String note, Instant at) {
    return plans
        .item(itemCode)
        .flatMap(item -> requireReviewedOrDone(item).thenReturn(item))
        .flatMap(
            item -> {
              ClosingRecord step = step(item, ClosingAction.CLOSE, actor, via, note, at);
              return audited(
                  step,
                  repository.close(step.itemCode(), actor, step.note(), step.at()),
                  "ALREADY_CLOSED",
                  "事项 " + item.code() + " 已办结销号");
            });
  }

  /** Reopens a closed item; 409 when it is not closed. */
  public Mono<ClosingRecord> reopen(
      String itemCode, String actor, ClosingChannel via, String note) {
    return plans
        .item(itemCode)
        .flatMap(
            item -> {
              ClosingRecord step = step(item, ClosingAction.REOPEN, actor, via, note);
              return audited(
                  step,
                  repository.reopen(step.itemCode()),
                  "NOT_CLOSED",
                  "事项 " + item.code() + " 尚未办结，无需重新打开");
            });
  }

  /** Every close and reopen of the item, oldest first. */
  public Flux<ClosingRecord> history(String itemCode) {
    return repository.history(itemCode);
  }

  private ClosingRecord step(
      PlanItem item, ClosingAction action, String actor, ClosingChannel via, String note) {
    return step(item, action, actor, via, note, clock.instant());
  }

  private static ClosingRecord step(
      PlanItem item,
      ClosingAction action,
      String actor,
      ClosingChannel via,
      String note,
      Instant at) {
    return new ClosingRecord(item.code(), action, actor, via, note == null ? "" : note.strip(), at);
  }

  /** Applies the change and audits it in one transaction; a change of no rows is a 409. */
  private Mono<ClosingRecord> audited(
      ClosingRecord step, Mono<Long> change, String refusal, String message) {
    return tx.transactional(
        change
            .flatMap(
                n ->
                    n == 0
                        ? Mono.error(new DomainException(HttpStatus.CONFLICT, refusal, message))
                        : repository.audit(step))
            .thenReturn(step));
  }

  /**
   * A 申请办结 the 督查 office passed may be confirmed; one waiting for 复核 or returned may not; with none
   * asked, the lead unit's DONE report suffices unless 复核 is required.
   */
  private Mono<Void> requireReviewedOrDone(PlanItem item) {
    return lifecycle
        .standing(item.code())
        .flatMap(
            state ->
                switch (state.closing()) {
                  case PASSED -> Mono.<Void>empty();
                  case ASKED ->
                      refused("NOT_REVIEWED", "事项 " + item.code() + " 的办结申请正待督查室复核，复核通过后方可确认办结");
                  case RETURNED ->
                      refused(
                          "REVIEW_RETURNED", "事项 " + item.code() + " 的办结申请已被督查室退回，须重新申请办结并复核通过");
                  case NONE ->
                      properties.reviewRequired()
                          ? refused(
                              "NOT_REVIEWED", "事项 " + item.code() + " 须先由牵头单位申请办结、督查室复核通过后方可确认办结")
                          : requireReportedDone(item);
                });
  }

  private static Mono<Void> refused(String code, String message) {
    return Mono.error(new DomainException(HttpStatus.CONFLICT, code, message));
  }

  private Mono<Void> requireReportedDone(PlanItem item) {
    if (!item.leaf()) {
      return Mono.error(
          new DomainException(
              HttpStatus.CONFLICT, "NOT_REPORTABLE", "事项 " + item.code() + " 含有子任务，请逐项办结"));
    }
    Mono<String> lead = units.assignment(item.code()).map(Assignment::leadUnit).defaultIfEmpty("");
    Mono<List<ReportFact>> reports = facts.ofItem(item.code()).collectList();
    return Mono.zip(lead, reports)
        .flatMap(
            t -> {
              String leadUnit = t.getT1();
              boolean done =
                  t.getT2().stream()
                      .filter(r -> leadUnit.isEmpty() || leadUnit.equals(r.unitCode()))
                      .max(Comparator.comparing(ReportFact::createdAt))
                      .map(ReportFact::done)
                      .orElse(false);
              return done
                  ? Mono.<Void>empty()
                  : Mono.error(
                      new DomainException(
                          HttpStatus.CONFLICT,
                          "NOT_REPORTED_DONE",
                          "事项 " + item.code() + " 的牵头单位尚未报告完成，不能办结"));
            });
  }
}
