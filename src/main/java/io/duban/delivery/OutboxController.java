package io.duban.delivery;

import io.duban.security.AdminAudit;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Admin API of the outbox: list by status (DEAD, WAITING for a send, or one state), redrive DEAD
 * messages; audit log.
 */
@RestController
@RequestMapping("/api/v1")
class OutboxController {

  private final OutboxAdmin admin;
  private final AdminAudit audit;

  OutboxController(OutboxAdmin admin, AdminAudit audit) {
    this.admin = admin;
    this.audit = audit;
  }

  @Operation(summary = "列出发件箱消息（可按状态筛选）")
  @GetMapping("/outbox")
  Flux<OutboxAdmin.OutboxView> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    return admin.list(status, limit);
  }

  @Operation(summary = "重新投递一条失败的消息")
  @PostMapping("/outbox/{id}/redrive")
  Mono<OutboxAdmin.OutboxView> redrive(@PathVariable long id) {
    return admin.redrive(id);
  }

  @Operation(summary = "管理操作审计记录")
  @GetMapping("/audit")
  Flux<AdminAudit.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
    return audit.recent(Math.max(1, Math.min(limit, 1000)));
  }
}
