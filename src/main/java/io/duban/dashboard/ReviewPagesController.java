package io.duban.dashboard;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.report.ProgressReport;
import io.duban.report.ReportReview;
import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 待核实进展: the queue of reports that do not count yet (senders no one registered, units not
 * responsible for the item), where a supervisor (督查专员) or admin accepts, rejects or moves one to
 * the item and unit it belongs to. Every decision is audited.
 */
@Controller
@DashboardPage
class ReviewPagesController {

  static final String PAGE = "/dashboard/review";

  private final ReportReview review;
  private final PlanService plans;
  private final UnitService units;
  private final AdminAudit audit;

  ReviewPagesController(
      ReportReview review, PlanService plans, UnitService units, AdminAudit audit) {
    this.review = review;
    this.plans = plans;
    this.units = units;
    this.audit = audit;
  }

  /** One waiting report with the names a person reads. */
  record Row(ProgressReport report, String itemTitle, String unitName) {}

  @GetMapping(PAGE)
  Mono<String> page(ServerWebExchange exchange, Model model) {
    model.addAttribute("done", exchange.getRequest().getQueryParams().getFirst("done"));
    return render(model);
  }

  @PostMapping(PAGE + "/{id}/accept")
  Mono<String> accept(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return decide(
        exchange,
        model,
        (form, actor) ->
            review
                .accept(id, form.getFirst("unit"), actor)
                .flatMap(r -> audited("report.accept", r, "认可，计入 " + r.unitCode()))
                .thenReturn("已认可进展 " + id));
  }

  @PostMapping(PAGE + "/{id}/reject")
  Mono<String> reject(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return decide(
        exchange,
        model,
        (form, actor) ->
            review
                .reject(id, actor)
                .flatMap(r -> audited("report.reject", r, "退回，不计入"))
                .thenReturn("已退回进展 " + id));
  }

  @PostMapping(PAGE + "/{id}/move")
  Mono<String> move(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return decide(
        exchange,
        model,
        (form, actor) ->
            review
                .byId(id)
                .flatMap(
                    before ->
                        review
                            .move(id, form.getFirst("item"), form.getFirst("unit"), actor)
                            .flatMap(
                                r ->
                                    audited(
                                        "report.move",
                                        r,
                                        before.itemCode()
                                            + "/"
                                            + before.unitCode()
                                            + " → "
                                            + r.itemCode()
                                            + "/"
                                            + r.unitCode())))
                .thenReturn("已改归属：进展 " + id));
  }

  private interface Decision {
    Mono<String> apply(MultiValueMap<String, String> form, String actor);
  }

  /** Carries out a decision; a refused one shows its reason on the page and changes nothing. */
  private Mono<String> decide(ServerWebExchange exchange, Model model, Decision decision) {
    return Mono.zip(
            exchange.getFormData(),
            exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("system"))
        .flatMap(t -> decision.apply(t.getT1(), t.getT2()))
        .map(
            done ->
                "redirect:"
                    + PAGE
                    + "?done="
                    + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8))
        .onErrorResume(
            DomainException.class,
            e -> {
              model.addAttribute("problem", e.getMessage());
              return render(model);
            });
  }

  private Mono<Void> audited(String action, ProgressReport r, String detail) {
    return audit.record(action, "progress_report:" + r.id(), r.itemCode() + " " + detail);
  }

  private Mono<String> render(Model model) {
    return Mono.zip(
            plans.leaves().collectList(), units.units().collectList(), review.queue().collectList())
        .map(
            t -> {
              Map<String, String> titles =
                  t.getT1().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(
                              PlanItem::code, PlanItem::title, (a, b) -> a));
              Map<String, String> names =
                  t.getT2().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(Unit::code, Unit::name, (a, b) -> a));
              List<Row> rows =
                  t.getT3().stream()
                      .map(
                          r ->
                              new Row(
                                  r,
                                  titles.getOrDefault(r.itemCode(), ""),
                                  r.unitCode() == null
                                      ? "未登记"
                                      : names.getOrDefault(r.unitCode(), r.unitCode())))
                      .toList();
              model.addAttribute("rows", rows);
              model.addAttribute("leaves", t.getT1());
              model.addAttribute("units", t.getT2());
              return "dashboard/review";
            });
  }
}
