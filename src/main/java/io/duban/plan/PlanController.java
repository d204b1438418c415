package io.duban.plan;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Plan import for admins. The plan's read API, which joins each item's responsibilities, is the
 * unit feature's ({@code PlanTreeController} there), so that plan depends on nothing above it.
 */
@RestController
@RequestMapping("/api/v1")
class PlanController {

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @PostMapping(
      value = "/plans/import",
      consumes = {"text/plain", "application/octet-stream"})
  @ResponseStatus(HttpStatus.CREATED)
  Mono<PlanService.ImportResult> importPlan(
      @RequestBody(required = false) String document,
      @RequestParam(required = false) Integer year) {
    if (document == null || document.isBlank()) {
      return Mono.error(
          io.duban.system.DomainException.badRequest(
              "send the plan document as the text/plain body"));
    }
    if (year != null && (year < 2000 || year > 2100)) {
      return Mono.error(io.duban.system.DomainException.badRequest("year must be 2000..2100"));
    }
    return plans.importDocument(document, year, "api");
  }
}
