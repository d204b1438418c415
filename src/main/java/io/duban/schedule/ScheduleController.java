package io.duban.schedule;

import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admin API of schedules: CRUD, pause/resume, run now, next fire times and fire history. */
@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {

  private final ScheduleService service;

  ScheduleController(ScheduleService service) {
    this.service = service;
  }

  @Operation(summary = "列出定时任务")
  @GetMapping
  Flux<ScheduleService.ScheduleView> list() {
    return service.list();
  }

  @Operation(summary = "查看定时任务")
  @GetMapping("/{id}")
  Mono<ScheduleService.ScheduleView> get(@PathVariable long id) {
    return service.get(id);
  }

  /**
   * The next fire times of a cron expression not saved yet, with the work-day rule and holidays
   * applied; 400 naming {@code cron}, {@code zone} or {@code workdayRule} when one is bad.
   */
  @Operation(summary = "预览 cron 表达式的下几次执行时间")
  @GetMapping("/preview")
  Mono<List<OffsetDateTime>> preview(
      @RequestParam(required = false) String cron,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) String workdayRule,
      @RequestParam(defaultValue = "5") int count) {
    return counted(count).then(service.preview(cron, zone, workdayRule, count));
  }

  @Operation(summary = "新建定时任务")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ScheduleService.ScheduleView> create(
      @RequestBody(required = false) ScheduleDraft.Body body) {
    return service.create(body);
  }

  @Operation(summary = "修改定时任务")
  @PutMapping("/{id}")
  Mono<ScheduleService.ScheduleView> replace(
      @PathVariable long id, @RequestBody(required = false) ScheduleDraft.Body body) {
    return service.replace(id, body);
  }

  @Operation(summary = "删除定时任务")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@PathVariable long id) {
    return service.delete(id);
  }

  @Operation(summary = "暂停定时任务")
  @PostMapping("/{id}/pause")
  Mono<ScheduleService.ScheduleView> pause(@PathVariable long id) {
    return service.setEnabled(id, false);
  }

  @Operation(summary = "恢复定时任务")
  @PostMapping("/{id}/resume")
  Mono<ScheduleService.ScheduleView> resume(@PathVariable long id) {
    return service.setEnabled(id, true);
  }

  @Operation(summary = "立即执行定时任务")
  @PostMapping("/{id}/run")
  Mono<FireOutcome> run(@PathVariable long id) {
    return service.runNow(id);
  }

  @Operation(summary = "定时任务的下几次执行时间")
  @GetMapping("/{id}/next")
  Mono<List<OffsetDateTime>> next(
      @PathVariable long id, @RequestParam(defaultValue = "5") int count) {
    return counted(count).then(service.next(id, count));
  }

  @Operation(summary = "定时任务的执行记录")
  @GetMapping("/{id}/fires")
  Flux<ScheduleService.FireView> fires(
      @PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
    return service.fires(id, Math.max(1, Math.min(limit, 500)));
  }

  private static Mono<Void> counted(int count) {
    return count < 1 || count > 50
        ? Mono.error(DomainException.badRequest("count 应在 1 到 50 之间"))
        : Mono.empty();
  }
}
