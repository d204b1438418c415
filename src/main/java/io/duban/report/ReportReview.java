package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.duban.unit.Assignment;
import io.duban.unit.UnitService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The review queue of reports that do not count yet: from senders no one registered (kept off the
 * board, lights and digest until accepted) and from units not responsible for the item. An admin or
 * leader accepts, rejects, or moves a misfiled one to the item or unit it belongs to; the page that
 * calls this audits who did it.
 */
@Service
public class ReportReview {

  /** How many waiting reports the queue shows at most. */
  static final int QUEUE_LIMIT = 200;

  private final ReportRepository reports;
  private final PlanService plans;
  private final UnitService units;
  private final Clock clock;
  private final ZoneId zone;

  ReportReview(
      ReportRepository reports, PlanService plans, UnitService units, Clock clock, ZoneId zone) {
    this.reports = reports;
    this.plans = plans;
    this.units = units;
    this.clock = clock;
    this.zone = zone;
  }

  /** One report, whatever its state; 404 when there is none. */
  public Mono<ProgressReport> byId(long id) {
    return reports
        .byId(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有编号为 " + id + " 的进展")));
  }

  /** Reports waiting for review, newest first. */
  public Flux<ProgressReport> queue() {
    return reports.reviewQueue(QUEUE_LIMIT);
  }

  /**
   * Lets a report count: verified from now on, for {@code unitCode} when given (an unregistered
   * sender's report needs the unit it speaks for), else for the unit it was filed under.
   */
  public Mono<ProgressReport> accept(long id, String unitCode, String by) {
    return standing(id)
        .flatMap(
            r ->
                place(
                    r,
                    r.itemCode(),
                    blank(unitCode) ? r.unitCode() : unitCode.strip(),
                    true,
                    false,
                    by));
  }

  /** Keeps a report out for good: it stays stored, retracted, and leaves the queue. */
  public Mono<ProgressReport> reject(long id, String by) {
    return standing(id).flatMap(r -> place(r, r.itemCode(), r.unitCode(), r.verified(), true, by));
  }

  /**
   * Files a report under another item and/or unit (null or blank keeps the current one); its
   * responsibility and 已逾期 are judged again for where it now is.
   */
  public Mono<ProgressReport> move(long id, String itemCode, String unitCode, String by) {
    return standing(id)
        .flatMap(
            r ->
                place(
                    r,
                    blank(itemCode) ? r.itemCode() : itemCode.strip(),
                    blank(unitCode) ? r.unitCode() : unitCode.strip(),
                    r.verified(),
                    false,
                    by));
  }

  private Mono<ProgressReport> standing(long id) {
    return reports
        .byId(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有编号为 " + id + " 的进展")))
        .filter(r -> !r.retracted())
        .switchIfEmpty(Mono.error(DomainException.badRequest("该进展已撤回或已被退回，不能再处理")));
  }

  private Mono<ProgressReport> place(
      ProgressReport r,
      String itemCode,
      String unitCode,
      boolean verified,
      boolean retracted,
      String by) {
    Mono<PlanItem> item =
        plans
            .findItem(itemCode)
            .filter(PlanItem::leaf)
            .switchIfEmpty(
                Mono.error(DomainException.badRequest("没有可报送的事项 " + itemCode + "（须为末级事项）")));
    Mono<Optional<String>> unit =
        unitCode == null
            ? Mono.just(Optional.empty())
            : units
                .unit(unitCode)
                .map(u -> Optional.of(u.code()))
                .switchIfEmpty(Mono.error(DomainException.badRequest("没有单位 " + unitCode)));
    if (verified && unitCode == null) {
      return Mono.error(DomainException.badRequest("请选择该进展所属的单位后再认可"));
    }
    return Mono.zip(item, unit)
        .flatMap(
            t ->
                assignment(t.getT1().code())
                    .flatMap(
                        a -> {
                          String u = t.getT2().orElse(null);
                          LocalDate day = r.reportedAt().atZone(zone).toLocalDate();
                          boolean overdue =
                              a.isPresent()
                                  && a.get().deadline() != null
                                  && day.isAfter(a.get().deadline())
                                  && r.status() != ReportStatus.DONE;
                          return reports.review(
                              r.id(),
                              t.getT1().code(),
                              u,
                              ReportService.responsibility(a.orElse(null), u),
                              overdue,
                              verified,
                              retracted,
                              by == null || by.isBlank() ? "system" : by,
                              clock.instant());
                        }));
  }

  private Mono<Optional<Assignment>> assignment(String itemCode) {
    return units
        .recentAssignments()
        .filter(a -> a.itemCode().equals(itemCode))
        .next()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
