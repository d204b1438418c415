package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.duban.unit.Assignment;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The steps of an item's handling after it is assigned, as the 督查督办 systems define them: the lead
 * unit asks for a later deadline (申请延期) and the responsible leader approves or refuses it (the
 * deadline moves only on approval); a leader or the 督查 office sends a report back (退回), which the
 * unit must answer with a new report; the unit asks to close the item (申请办结), the 督查 office reviews
 * it (复核通过 / 复核退回) before the leader confirms it ({@link ItemClosing}). Each step is stored with
 * the person, channel and time, and the groups concerned are told, in one transaction.
 */
@Service
public class ItemLifecycle {

  private final StepRepository steps;
  private final PlanService plans;
  private final UnitService units;
  private final ClosedItems closed;
  private final ProgressFacts facts;
  private final LifecycleNotices notices;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final java.util.List<ClosingPrecondition> preconditions;

  ItemLifecycle(
      StepRepository steps,
      PlanService plans,
      UnitService units,
      ClosedItems closed,
      ProgressFacts facts,
      LifecycleNotices notices,
      TransactionalOperator tx,
      Clock clock,
      org.springframework.beans.factory.ObjectProvider<ClosingPrecondition> preconditions) {
    this.preconditions = preconditions.orderedStream().toList();
    this.steps = steps;
    this.plans = plans;
    this.units = units;
    this.closed = closed;
    this.facts = facts;
    this.notices = notices;
    this.tx = tx;
    this.clock = clock;
  }

  /** Every step of the current plan's items, oldest first. */
  public Flux<ItemStep> all() {
    return steps.all();
  }

  /** The item's steps, oldest first. */
  public Flux<ItemStep> steps(String itemCode) {
    return plans.findItem(itemCode).flatMapMany(item -> steps.of(item.id(), item.code()));
  }

  /** Where the item stands in its handling: what waits for whom. */
  public Mono<HandlingState> standing(String itemCode) {
    return steps(itemCode)
        .collectList()
        .zipWith(facts.ofItem(itemCode).collectList())
        .map(t -> HandlingState.of(t.getT1(), t.getT2()));
  }

  /** 申请延期 by the lead unit, to {@code to}, with the unit's reason. */
  public Mono<ItemStep> askExtension(
      String code,
      String unitCode,
      String person,
      ClosingChannel via,
      LocalDate to,
      String reason) {
    return context(code)
        .flatMap(
            c -> {
              if (!unitCode.equals(c.assignment().leadUnit())) {
                return refuse("NOT_LEAD_UNIT", "只有牵头单位可以为 " + c.item().code() + " 申请延期");
              }
              if (reason == null || reason.isBlank()) {
                return refuse("NO_REASON", "请写明延期原因，例如：申请延期 " + c.item().code() + " 至1月15日 原因：……");
              }
              LocalDate due = c.assignment().deadline();
              LocalDate floor = due == null ? LocalDate.now(clock) : due;
              if (to == null || !to.isAfter(floor)) {
                return refuse("BAD_DATE", "申请的新时限须晚于" + (due == null ? "今天" : "现时限 " + due));
              }
              if (c.standing().pendingExtension() != null) {
                return refuse("EXTENSION_PENDING", "事项 " + c.item().code() + " 已有延期申请待责任领导审批");
              }
              return record(
                  c,
                  new ItemStep(
                      c.item().code(),
                      StepKind.EXTENSION_ASKED,
                      unitCode,
                      person,
                      via,
                      reason.strip(),
                      due,
                      to,
                      clock.instant()));
            });
  }

  /** 同意延期 / 不同意延期 by the responsible leader; approval moves the deadline. */
  public Mono<ItemStep> decideExtension(
      String code, boolean approve, String person, ClosingChannel via, String note) {
    return context(code)
        .flatMap(
            c -> {
              ItemStep asked = c.standing().pendingExtension();
              if (asked == null) {
                return refuse("NO_EXTENSION_PENDING", "事项 " + c.item().code() + " 没有待审批的延期申请");
              }
              LocalDate due = c.assignment().deadline();
              ItemStep step =
                  new ItemStep(
                      c.item().code(),
                      approve ? StepKind.EXTENSION_APPROVED : StepKind.EXTENSION_REFUSED,
                      asked.unitCode(),
                      person,
                      via,
                      note == null ? "" : note.strip(),
                      due,
                      approve ? asked.dueAfter() : due,
                      clock.instant());
              Mono<Void> move =
                  approve ? units.changeDeadline(c.item().code(), asked.dueAfter()) : Mono.empty();
              return move.then(record(c, step));
            });
  }

  /** 退回: the lead unit's report goes back with what is missing; it owes a new report. */
  public Mono<ItemStep> sendBack(String code, String person, ClosingChannel via, String note) {
    return context(code)
        .flatMap(
            c -> {
              if (note == null || note.isBlank()) {
                return refuse("NO_REASON", "请写明退回原因，例如：退回 " + c.item().code() + " 请补充佐证材料");
              }
              return record(
                  c,
                  new ItemStep(
                      c.item().code(),
                      StepKind.RETURNED,
                      c.assignment().leadUnit(),
                      person,
                      via,
                      note.strip(),
                      null,
                      null,
                      clock.instant()));
            });
  }

  /** 申请办结 by the lead unit; the 督查 office reviews it next. */
  public Mono<ItemStep> askClosing(
      String code, String unitCode, String person, ClosingChannel via, String note) {
    return context(code)
        .flatMap(
            c -> {
              if (!unitCode.equals(c.assignment().leadUnit())) {
                return refuse("NOT_LEAD_UNIT", "只有牵头单位可以为 " + c.item().code() + " 申请办结");
              }
              if (c.standing().closing() == HandlingState.Closing.ASKED) {
                return refuse("CLOSE_PENDING", "事项 " + c.item().code() + " 的办结申请正待督查室复核");
              }
              if (c.standing().closing() == HandlingState.Closing.PASSED) {
                return refuse("CLOSE_PENDING", "事项 " + c.item().code() + " 已复核通过，待责任领导确认办结");
              }
              Mono<ItemStep> ask =
                  record(
                      c,
                      new ItemStep(
                          c.item().code(),
                          StepKind.CLOSE_ASKED,
                          unitCode,
                          person,
                          via,
                          note == null ? "" : note.strip(),
                          null,
                          null,
                          clock.instant()));
              return reactor.core.publisher.Flux.fromIterable(preconditions)
                  .concatMap(p -> p.refusal(c.item().code()))
                  .next()
                  .flatMap(why -> ItemLifecycle.<ItemStep>refuse("PRECONDITION", why))
                  .switchIfEmpty(ask);
            });
  }

  /**
   * 复核 by the 督查 office of a pending 申请办结, or of the lead unit's DONE report when none was asked (a
   * DONE report goes to 复核 as a 申请办结 does): passed, or returned with a reason.
   */
  public Mono<ItemStep> review(
      String code, boolean pass, String person, ClosingChannel via, String note) {
    return context(code)
        .flatMap(
            c ->
                leadReportedDone(c)
                    .flatMap(
                        done -> {
                          HandlingState.Closing stage = c.standing().closing();
                          boolean reviewable =
                              stage == HandlingState.Closing.ASKED
                                  || (stage == HandlingState.Closing.NONE && done);
                          if (!reviewable) {
                            return refuse(
                                "NO_CLOSE_PENDING", "事项 " + c.item().code() + " 没有待复核的办结申请或完成报告");
                          }
                          if (!pass && (note == null || note.isBlank())) {
                            return refuse(
                                "NO_REASON", "请写明退回原因，例如：复核退回 " + c.item().code() + " 缺少验收材料");
                          }
                          return record(
                              c,
                              new ItemStep(
                                  c.item().code(),
                                  pass ? StepKind.REVIEW_PASSED : StepKind.REVIEW_RETURNED,
                                  c.assignment().leadUnit(),
                                  person,
                                  via,
                                  note == null ? "" : note.strip(),
                                  null,
                                  null,
                                  clock.instant()));
                        }));
  }

  /** True when the lead unit's latest report on the item says DONE. */
  private Mono<Boolean> leadReportedDone(Context c) {
    String lead = c.assignment().leadUnit();
    return facts
        .reports()
        .filter(r -> r.itemCode().equals(c.item().code()) && lead.equals(r.unitCode()))
        .reduce((a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a)
        .map(ReportFact::done)
        .defaultIfEmpty(false);
  }

  /** An item with its assignment and standing, refused when unknown, unassigned or closed. */
  private record Context(PlanItem item, Assignment assignment, HandlingState standing) {}

  private Mono<Context> context(String code) {
    return plans
        .item(code == null ? "" : code)
        .flatMap(
            item ->
                closed
                    .isClosed(item.code())
                    .flatMap(
                        isClosed ->
                            isClosed
                                ? refuse("ALREADY_CLOSED", "事项 " + item.code() + " 已办结销号")
                                : units
                                    .assignment(item.code())
                                    .switchIfEmpty(
                                        refuse("NOT_ASSIGNED", "事项 " + item.code() + " 尚未分工"))
                                    .zipWith(standing(item.code()))
                                    .map(t -> new Context(item, t.getT1(), t.getT2()))));
  }

  private Mono<ItemStep> record(Context c, ItemStep step) {
    Mono<String> unitName =
        step.unitCode() == null
            ? Mono.just("")
            : units.unit(step.unitCode()).map(Unit::name).defaultIfEmpty("");
    return tx.transactional(
        steps
            .insert(c.item().id(), step)
            .then(unitName)
            .flatMap(name -> notices.told(c.item(), step, c.assignment().leadUnit(), name))
            .thenReturn(step));
  }

  private static <T> Mono<T> refuse(String code, String message) {
    return Mono.error(new DomainException(HttpStatus.CONFLICT, code, message));
  }
}
