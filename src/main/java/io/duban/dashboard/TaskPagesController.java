package io.duban.dashboard;

import io.duban.plan.PlanService;
import io.duban.plan.TaskSource;
import io.duban.report.TaskAssignments;
import io.duban.system.DomainException;
import io.duban.unit.NewTask;
import io.duban.unit.TaskSheet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /dashboard/tasks/new}: file one 交办事项 by form, or upload a 交办清单 (.xlsx), see every row and
 * every problem, and confirm to file them all in one transaction. The uploaded sheet is kept as a
 * draft (the plan import's draft store) between preview and confirm, so the confirm files exactly
 * what was previewed. Filing is {@link TaskAssignments}, as for the API and chat.
 */
@Controller
@DashboardPage
class TaskPagesController {

  static final String PAGE = "dashboard/task-new";
  private static final int MAX_BYTES = 5 * 1024 * 1024;

  private final TaskAssignments assignments;
  private final PlanService plans;

  TaskPagesController(TaskAssignments assignments, PlanService plans) {
    this.assignments = assignments;
    this.plans = plans;
  }

  @GetMapping("/dashboard/tasks/new")
  Mono<String> form(Model model) {
    return Mono.just(page(model));
  }

  @PostMapping("/dashboard/tasks")
  Mono<String> fileOne(ServerWebExchange exchange, Model model, Principal who) {
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              model.addAttribute("form", form.toSingleValueMap());
              TaskSource source =
                  TaskSource.read(form.getFirst("source"))
                      .filter(s -> s != TaskSource.PLAN)
                      .orElse(null);
              LocalDate deadline;
              try {
                String due = form.getFirst("deadline");
                deadline = due == null || due.isBlank() ? null : LocalDate.parse(due.strip());
              } catch (DateTimeParseException e) {
                return Mono.error(DomainException.badRequest("完成时限应为 2025-12-31 这样的日期"));
              }
              String support = form.getFirst("supportUnits");
              List<String> supports =
                  support == null
                      ? List.of()
                      : Arrays.stream(support.split("[、,，;；]+"))
                          .map(String::strip)
                          .filter(s -> !s.isEmpty())
                          .toList();
              String leader = form.getFirst("leader");
              NewTask task =
                  new NewTask(
                      source,
                      form.getFirst("sourceRef"),
                      form.getFirst("sourceText"),
                      form.getFirst("content"),
                      form.getFirst("leadUnit"),
                      supports,
                      leader == null || leader.isBlank() ? null : leader.strip(),
                      deadline,
                      List.of());
              return assignments.file(task, who.getName());
            })
        .map(
            f ->
                "redirect:/dashboard/items/"
                    + URLEncoder.encode(f.item().code(), StandardCharsets.UTF_8))
        .onErrorResume(DomainException.class, e -> refused(model, e));
  }

  @PostMapping("/dashboard/tasks/preview")
  Mono<String> preview(ServerWebExchange exchange, Model model, Principal who) {
    return exchange
        .getMultipartData()
        .flatMap(
            parts -> {
              if (!(parts.getFirst("file") instanceof FilePart file) || file.filename().isBlank()) {
                return refused(model, DomainException.badRequest("请选择要上传的交办清单（.xlsx）"));
              }
              return DataBufferUtils.join(file.content(), MAX_BYTES)
                  .map(
                      buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return bytes;
                      })
                  .onErrorMap(
                      DataBufferLimitException.class,
                      e -> DomainException.badRequest("文件超过 5 MB，请删去空行空列或拆分后再上传"))
                  .flatMap(bytes -> plans.saveDraft(bytes, file.filename()))
                  .flatMap(d -> show(model, d, who, false));
            })
        .onErrorResume(DomainException.class, e -> refused(model, e));
  }

  @PostMapping("/dashboard/tasks/confirm")
  Mono<String> confirm(ServerWebExchange exchange, Model model, Principal who) {
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              UUID id;
              try {
                id = UUID.fromString(form.getFirst("draft"));
              } catch (RuntimeException e) {
                return refused(model, DomainException.badRequest("预览已过期或不存在，请重新上传交办清单"));
              }
              return plans.draft(id).flatMap(d -> show(model, d, who, true));
            })
        .onErrorResume(DomainException.class, e -> refused(model, e));
  }

  private Mono<String> show(Model model, PlanService.Draft draft, Principal who, boolean store) {
    return Mono.fromCallable(() -> TaskSheet.read(draft.document()))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(sheet -> assignments.fileSheet(sheet, who.getName(), store))
        .flatMap(
            f -> {
              model.addAttribute("sheet", f);
              model.addAttribute("filename", draft.filename());
              model.addAttribute("draft", draft.id());
              Mono<Void> done = store && f.valid() ? plans.dropDraft(draft.id()) : Mono.empty();
              return done.thenReturn(page(model));
            });
  }

  private static String page(Model model) {
    model.addAttribute(
        "sources", Arrays.stream(TaskSource.values()).filter(s -> s != TaskSource.PLAN).toList());
    model.addAttribute("headers", TaskSheet.HEADERS);
    return PAGE;
  }

  private static Mono<String> refused(Model model, DomainException e) {
    model.addAttribute("error", e.getMessage());
    return Mono.just(page(model));
  }
}
