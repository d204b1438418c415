package io.duban.delivery;

import io.duban.chat.OutboundMessage;
import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admin view of the outbox: list by status, redrive DEAD messages; audit log. */
@RestController
@RequestMapping("/api/v1")
class OutboxController {

  /** An outbox message as the admin API shows it; reply URLs are cut to their host. */
  record OutboxView(
      long id,
      String dedupeKey,
      String destination,
      String format,
      String text,
      OutboxStatus status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {

    static OutboxView of(OutboxMessage m) {
      return new OutboxView(
          m.id(),
          m.dedupeKey(),
          m.destination().describe(),
          m.message().format().name(),
          m.message().format() == OutboundMessage.Format.IMAGE ? "(image)" : m.message().text(),
          m.status(),
          m.attempts(),
          m.nextAttemptAt(),
          m.lastError(),
          m.createdAt(),
          m.sentAt());
    }
  }

  private final OutboxRepository repository;
  private final AdminAudit audit;
  private final Clock clock;

  OutboxController(OutboxRepository repository, AdminAudit audit, Clock clock) {
    this.repository = repository;
    this.audit = audit;
    this.clock = clock;
  }

  @Operation(summary = "列出发件箱消息（可按状态筛选）")
  @GetMapping("/outbox")
  Flux<OutboxView> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      return Flux.error(DomainException.badRequest("limit must be between 1 and 1000"));
    }
    OutboxStatus filter;
    try {
      filter = status == null ? null : OutboxStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Flux.error(
          DomainException.badRequest("status must be one of PENDING, SENDING, SENT, DEAD"));
    }
    return repository.list(filter, limit).map(OutboxView::of);
  }

  @Operation(summary = "重新投递一条失败的消息")
  @PostMapping("/outbox/{id}/redrive")
  Mono<OutboxView> redrive(@PathVariable long id) {
    return repository
        .find(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("no outbox message " + id)))
        .flatMap(
            m ->
                repository
                    .redrive(id, clock.instant())
                    .switchIfEmpty(
                        Mono.error(
                            new DomainException(
                                HttpStatus.CONFLICT,
                                "NOT_DEAD",
                                "outbox message "
                                    + id
                                    + " is "
                                    + m.status()
                                    + ", only DEAD ones can be redriven"))))
        .flatMap(
            m ->
                audit
                    .record("OUTBOX_REDRIVE", "outbox:" + id, m.dedupeKey())
                    .thenReturn(OutboxView.of(m)));
  }

  @Operation(summary = "管理操作审计记录")
  @GetMapping("/audit")
  Flux<AdminAudit.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
    return audit.recent(Math.max(1, Math.min(limit, 1000)));
  }
}
