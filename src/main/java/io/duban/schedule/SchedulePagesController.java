package io.duban.schedule;

import io.duban.dashboard.DashboardPage;
import io.duban.system.DomainException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admins' schedule pages on the dashboard: the list with pause/resume and run now, and one
 * schedule's page where a cron is previewed (unsaved, holidays applied) and saved, above its fire
 * history. Lives here rather than in {@code dashboard}, which must not depend on {@code schedule}.
 */
@Controller
@DashboardPage
class SchedulePagesController {

  private static final String LIST = "/dashboard/admin/schedules";
  private static final int PREVIEW = 5;
  private static final int HISTORY = 30;

  private final ScheduleService service;

  SchedulePagesController(ScheduleService service) {
    this.service = service;
  }

  @GetMapping(LIST)
  Mono<String> list(Model model) {
    return render(model);
  }

  @PostMapping(LIST + "/{id:[0-9]+}/pause")
  Mono<String> pause(@PathVariable long id) {
    return service.setEnabled(id, false).thenReturn("redirect:" + LIST);
  }

  @PostMapping(LIST + "/{id:[0-9]+}/resume")
  Mono<String> resume(@PathVariable long id) {
    return service.setEnabled(id, true).thenReturn("redirect:" + LIST);
  }

  /** Runs at once and shows what came of it; the messages still go out once per period. */
  @PostMapping(LIST + "/{id:[0-9]+}/run")
  Mono<String> run(@PathVariable long id, Model model) {
    return service
        .get(id)
        .flatMap(v -> service.runNow(id).doOnNext(o -> ran(v, o, model)))
        .then(render(model));
  }

  /**
   * What the run did, truthfully: how many messages were queued and which cannot be delivered;
   * whether the queued ones were sent the fire history tells once the outbox has tried.
   */
  private static void ran(ScheduleService.ScheduleView v, FireOutcome o, Model model) {
    String what =
        o.messages() > 0 ? o.detail() + "。送达情况见执行记录" : o.outcome().label() + "（" + o.detail() + "）";
    model.addAttribute("ran", "已立即执行「" + v.name() + "」：" + what);
    model.addAttribute("ranFailed", o.outcome() == FireOutcome.Outcome.FAILED || o.refused() > 0);
  }

  /** The form for a new schedule. */
  @GetMapping(LIST + "/new")
  Mono<String> newForm(Model model) {
    return Mono.just(creating(NewScheduleForm.blank(), model));
  }

  /** The next fire times of the new schedule's cron, creating nothing. */
  @PostMapping(LIST + "/new/preview")
  Mono<String> previewNew(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .map(NewScheduleForm::of)
        .flatMap(
            form ->
                service
                    .preview(form.cron(), form.zone(), form.workdayRule(), PREVIEW)
                    .doOnNext(times -> model.addAttribute("preview", ScheduleRow.times(times)))
                    .onErrorResume(DomainException.class, e -> refused(e, exchange, model))
                    .then(Mono.fromCallable(() -> creating(form, model))));
  }

  /** Creates the schedule (audited, planned in Quartz) and opens its page. */
  @PostMapping(LIST + "/new")
  Mono<String> create(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .map(NewScheduleForm::of)
        .flatMap(
            form ->
                service
                    .create(form.body())
                    .map(v -> "redirect:" + LIST + "/" + v.id() + "?saved")
                    .onErrorResume(
                        DomainException.class,
                        e ->
                            refused(e, exchange, model)
                                .then(Mono.fromCallable(() -> creating(form, model)))));
  }

  private static String creating(NewScheduleForm form, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("kinds", List.of(ScheduleKind.values()));
    model.addAttribute("rules", List.of(WorkdayRule.values()));
    return "dashboard/schedule-new";
  }

  @GetMapping(LIST + "/{id:[0-9]+}")
  Mono<String> page(@PathVariable long id, ServerWebExchange exchange, Model model) {
    model.addAttribute("saved", exchange.getRequest().getQueryParams().containsKey("saved"));
    return service.get(id).flatMap(v -> page(v, ScheduleForm.of(v), model));
  }

  /** The next fire times of the typed cron, without saving anything. */
  @PostMapping(LIST + "/{id:[0-9]+}/preview")
  Mono<String> preview(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return Mono.zip(service.get(id), exchange.getFormData().map(ScheduleForm::of))
        .flatMap(
            t ->
                service
                    .preview(t.getT2().cron(), t.getT2().zone(), t.getT2().workdayRule(), PREVIEW)
                    .doOnNext(times -> model.addAttribute("preview", ScheduleRow.times(times)))
                    .onErrorResume(DomainException.class, e -> refused(e, exchange, model))
                    .then(page(t.getT1(), t.getT2(), model)));
  }

  @PostMapping(LIST + "/{id:[0-9]+}")
  Mono<String> save(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return Mono.zip(service.get(id), exchange.getFormData().map(ScheduleForm::of))
        .flatMap(
            t ->
                service
                    .replace(id, t.getT2().applyTo(t.getT1()))
                    .thenReturn("redirect:" + LIST + "/" + id + "?saved")
                    .onErrorResume(
                        DomainException.class,
                        e -> refused(e, exchange, model).then(page(t.getT1(), t.getT2(), model))));
  }

  private Mono<String> render(Model model) {
    return service
        .list()
        .map(ScheduleRow::of)
        .collectList()
        .map(
            rows -> {
              model.addAttribute("schedules", rows);
              return "dashboard/schedules";
            });
  }

  private Mono<String> page(ScheduleService.ScheduleView v, ScheduleForm form, Model model) {
    return service
        .fires(v.id(), HISTORY)
        .map(FireRow::of)
        .collectList()
        .map(
            fires -> {
              model.addAttribute("schedule", ScheduleRow.of(v));
              model.addAttribute("form", form);
              model.addAttribute("rules", List.of(WorkdayRule.values()));
              model.addAttribute("fires", fires);
              return "dashboard/schedule";
            });
  }

  /** A bad value changes nothing: the page comes back with the message and its status (400). */
  private static <T> Mono<T> refused(DomainException e, ServerWebExchange exchange, Model model) {
    exchange.getResponse().setStatusCode(e.status());
    model.addAttribute("error", e.getMessage());
    return Mono.empty();
  }
}
