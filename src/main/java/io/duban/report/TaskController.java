package io.duban.report;

import io.duban.plan.TaskSource;
import io.duban.system.DomainException;
import io.duban.unit.Milestone;
import io.duban.unit.NewTask;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/tasks}: files a 督办事项 (交办事项) and tells its lead unit; the new item is then
 * served by {@code GET /api/v1/plan/items/{code}} like a plan item.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  /** A 交办事项 as the API takes it; units by code or name, the source by name or label. */
  record TaskRequest(
      String source,
      String sourceRef,
      String sourceText,
      String content,
      String leadUnit,
      List<String> supportUnits,
      String leader,
      LocalDate deadline,
      List<Milestone> milestones) {}

  /** The filed item: its code, title, source and assignment. */
  record Filed(
      String code,
      String title,
      String body,
      String source,
      String sourceRef,
      String leadUnit,
      List<String> supportUnits,
      String leader,
      LocalDate deadline,
      List<Milestone> milestones) {}

  private final TaskAssignments assignments;

  TaskController(TaskAssignments assignments) {
    this.assignments = assignments;
  }

  @Operation(summary = "登记交办事项（督办事项），通知牵头单位签收")
  @PostMapping
  Mono<ResponseEntity<Filed>> file(@RequestBody TaskRequest request, Principal who) {
    TaskSource source =
        TaskSource.read(request.source()).filter(s -> s != TaskSource.PLAN).orElse(null);
    if (source == null) {
      return Mono.error(
          DomainException.badRequest(
              "source 须为 INSTRUCTION（批示）、MEETING（会议）、PROPOSAL（建议提案）或 OTHER（其他）"));
    }
    NewTask task =
        new NewTask(
            source,
            request.sourceRef(),
            request.sourceText(),
            request.content(),
            request.leadUnit(),
            request.supportUnits(),
            request.leader(),
            request.deadline(),
            request.milestones());
    return assignments
        .file(task, who == null ? "api" : who.getName())
        .map(
            f ->
                ResponseEntity.status(HttpStatus.CREATED)
                    .body(
                        new Filed(
                            f.item().code(),
                            f.item().title(),
                            f.item().body(),
                            f.item().source().kind().name(),
                            f.item().source().ref(),
                            f.assignment().leadUnit(),
                            f.assignment().supportUnits(),
                            f.assignment().leader(),
                            f.assignment().deadline(),
                            f.assignment().milestones())));
  }
}
