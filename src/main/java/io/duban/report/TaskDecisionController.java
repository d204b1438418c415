package io.duban.report;

import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The decisions on an item's handling over the API, through the same {@link ItemLifecycle} methods
 * the chat commands and the item page use: 同意/不同意延期 (LEADER, ADMIN), 复核通过/复核退回 (SUPERVISOR, ADMIN),
 * 退回 (LEADER, SUPERVISOR, ADMIN); the roles are checked in the security configuration. The token
 * holder's name is who the 办理过程 records.
 */
@RestController
@RequestMapping("/api/v1/tasks/{code}")
class TaskDecisionController {

  /** A decision: {@code approve} (延期) or {@code pass} (复核), with an optional note or reason. */
  record Decision(Boolean approve, Boolean pass, String note) {}

  /** The recorded step. */
  record Step(
      String code,
      String kind,
      String label,
      String person,
      String note,
      LocalDate dueBefore,
      LocalDate dueAfter,
      Instant at) {
    static Step of(ItemStep s) {
      return new Step(
          s.itemCode(),
          s.kind().name(),
          s.kind().label(),
          s.actor(),
          s.note(),
          s.dueBefore(),
          s.dueAfter(),
          s.at());
    }
  }

  private final ItemLifecycle lifecycle;

  TaskDecisionController(ItemLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Operation(summary = "审批延期申请（同意延期或不同意延期，approve=true/false）")
  @PostMapping("/extension")
  Mono<Step> extension(@PathVariable String code, @RequestBody Decision d, Principal who) {
    return lifecycle
        .decideExtension(
            code, Boolean.TRUE.equals(d.approve()), name(who), ClosingChannel.API, d.note())
        .map(Step::of);
  }

  @Operation(summary = "复核办结申请（复核通过 pass=true，复核退回 pass=false 须写明原因）")
  @PostMapping("/review")
  Mono<Step> review(@PathVariable String code, @RequestBody Decision d, Principal who) {
    return lifecycle
        .review(code, Boolean.TRUE.equals(d.pass()), name(who), ClosingChannel.API, d.note())
        .map(Step::of);
  }

  @Operation(summary = "退回牵头单位的报告（须写明原因）")
  @PostMapping("/return")
  Mono<Step> sendBack(@PathVariable String code, @RequestBody Decision d, Principal who) {
    return lifecycle.sendBack(code, name(who), ClosingChannel.API, d.note()).map(Step::of);
  }

  private static String name(Principal who) {
    return who == null ? "api" : who.getName();
  }
}
