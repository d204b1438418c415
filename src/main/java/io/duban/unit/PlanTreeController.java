package io.duban.unit;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.plan.TaskCodes;
import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Read API of the current plan with each item's responsibilities: the plan's items joined with the
 * assignments this feature keeps. Here rather than in {@code plan}, which {@code unit} builds on.
 */
@RestController
@RequestMapping("/api/v1")
class PlanTreeController {

  private final PlanService plans;
  private final UnitService units;

  PlanTreeController(PlanService plans, UnitService units) {
    this.plans = plans;
    this.units = units;
  }

  @Operation(summary = "当前计划的任务树（含分工与时限）")
  @GetMapping("/plan/items")
  Mono<PlanTree> items() {
    Mono<Map<String, Assignment>> assignments =
        units.assignments().collectMap(Assignment::itemCode, Function.identity());
    return Mono.zip(plans.items().collectList(), assignments, plans.currentYear().defaultIfEmpty(0))
        .map(t -> PlanTree.of(t.getT3(), t.getT1(), t.getT2()));
  }

  @Operation(summary = "查看一项任务")
  @GetMapping("/plan/items/{code}")
  Mono<ItemView> item(@PathVariable String code) {
    if (!code.matches("[0-9]{1,3}(\\.[0-9]{1,3}){0,3}") && !TaskCodes.isTask(code)) {
      return Mono.error(
          DomainException.badRequest("an item code looks like 1, 1.2, 1.2.3 or J2026-001"));
    }
    return plans
        .item(code)
        .flatMap(
            item ->
                Mono.zip(
                        plans.items().filter(i -> code.equals(i.parentCode())).collectList(),
                        units.assignment(code).map(List::of).defaultIfEmpty(List.of()))
                    .map(
                        t ->
                            ItemView.of(
                                item,
                                t.getT2().isEmpty() ? null : t.getT2().get(0),
                                t.getT1().stream()
                                    .map(c -> ItemView.of(c, null, List.of()))
                                    .toList())));
  }

  /** The current plan as a tree. */
  record PlanTree(int year, List<ItemView> items) {
    static PlanTree of(int year, List<PlanItem> items, Map<String, Assignment> assignments) {
      Map<String, List<PlanItem>> byParent =
          items.stream()
              .filter(i -> i.parentCode() != null)
              .collect(Collectors.groupingBy(PlanItem::parentCode));
      List<ItemView> roots = new ArrayList<>();
      for (PlanItem item : items) {
        if (item.parentCode() == null) {
          roots.add(tree(item, byParent, assignments));
        }
      }
      return new PlanTree(year, roots);
    }

    private static ItemView tree(
        PlanItem item, Map<String, List<PlanItem>> byParent, Map<String, Assignment> assignments) {
      List<ItemView> children =
          byParent.getOrDefault(item.code(), List.of()).stream()
              .map(c -> tree(c, byParent, assignments))
              .toList();
      return ItemView.of(item, assignments.get(item.code()), children);
    }
  }

  /** One item with its responsibilities. */
  record ItemView(
      String code,
      String title,
      String body,
      boolean leaf,
      String leadUnit,
      List<String> supportUnits,
      LocalDate deadline,
      List<Milestone> milestones,
      String leader,
      String owner,
      String source,
      String sourceRef,
      String sourceText,
      List<ItemView> children) {
    static ItemView of(PlanItem item, Assignment assignment, List<ItemView> children) {
      return new ItemView(
          item.code(),
          item.title(),
          item.body(),
          item.leaf(),
          assignment == null ? null : assignment.leadUnit(),
          assignment == null ? List.of() : assignment.supportUnits(),
          assignment == null ? null : assignment.deadline(),
          assignment == null ? List.of() : assignment.milestones(),
          assignment == null ? null : assignment.leader(),
          assignment == null ? null : assignment.owner(),
          item.source().kind().name(),
          item.source().ref(),
          item.source().text(),
          children);
    }
  }
}
