package io.duban.unit;

import io.duban.plan.ItemSource;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.plan.TaskSource;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Files a 交办事项: checks what it states (unit names matched as a plan's are, a deadline not in the
 * past, milestones before it), stores the item (plan), its assignment and the lead unit's owed 签收,
 * all or nothing, in the caller's transaction when there is one.
 */
@Service
public class TaskFiling {

  /** A filed 交办事项 with its assignment. */
  public record Filed(PlanItem item, Assignment assignment) {}

  private final PlanService plans;
  private final UnitRepository units;
  private final Acknowledgements acknowledgements;
  private final TransactionalOperator tx;
  private final Clock clock;

  TaskFiling(
      PlanService plans,
      UnitRepository units,
      Acknowledgements acknowledgements,
      TransactionalOperator tx,
      Clock clock) {
    this.plans = plans;
    this.units = units;
    this.acknowledgements = acknowledgements;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Checks {@code task} without storing anything: the assignment it would get, with unit codes
   * resolved, or a 400 naming every problem.
   */
  public Mono<Assignment> check(NewTask task) {
    return units.units().collectList().flatMap(known -> resolve(task, new UnitNames(known)));
  }

  /** Files the task as {@code actor}; see {@link #check} for what is refused. */
  public Mono<Filed> file(NewTask task, String actor) {
    Instant now = clock.instant();
    Mono<Filed> work =
        check(task)
            .flatMap(
                assignment ->
                    plans
                        .fileTask(
                            task.content(),
                            new ItemSource(
                                task.source(),
                                blankToNull(task.sourceRef()),
                                blankToNull(task.sourceText()),
                                actor,
                                now))
                        .flatMap(
                            item -> {
                              Assignment stored =
                                  new Assignment(
                                      item.code(),
                                      assignment.leadUnit(),
                                      assignment.supportUnits(),
                                      assignment.deadline(),
                                      assignment.milestones(),
                                      assignment.leader(),
                                      null);
                              return units
                                  .replaceAssignment(item.id(), stored)
                                  .then(acknowledgements.assign(item.id(), stored.leadUnit()))
                                  .thenReturn(new Filed(item, stored));
                            }));
    return tx.transactional(work);
  }

  private Mono<Assignment> resolve(NewTask task, UnitNames names) {
    List<String> problems = new ArrayList<>();
    if (task.source() == null || task.source() == TaskSource.PLAN) {
      problems.add("来源须为批示、会议、建议提案或其他");
    }
    if (task.content() == null || task.content().isBlank()) {
      problems.add("须写明工作内容");
    } else if (task.content().strip().length() > NewTask.MAX_CONTENT) {
      problems.add("工作内容不超过" + NewTask.MAX_CONTENT + "字");
    }
    String lead = unit(names, task.leadUnit(), "牵头单位", problems);
    Set<String> supports = new LinkedHashSet<>();
    for (String s : task.supportUnits()) {
      String code = unit(names, s, "配合单位", problems);
      if (code != null && !code.equals(lead)) {
        supports.add(code);
      }
    }
    LocalDate today = LocalDate.now(clock);
    if (task.deadline() == null) {
      problems.add("须写明完成时限");
    } else if (task.deadline().isBefore(today)) {
      problems.add("完成时限" + task.deadline() + "早于今天");
    }
    for (Milestone m : task.milestones()) {
      if (m.date() == null || m.percent() < 0 || m.percent() > 100) {
        problems.add("节点须有日期和0至100的进度");
      } else if (task.deadline() != null && m.date().isAfter(task.deadline())) {
        problems.add("节点" + m.date() + "晚于完成时限");
      }
    }
    if (task.leader() != null && task.leader().strip().length() > Assignment.MAX_PERSON) {
      problems.add("责任领导不超过" + Assignment.MAX_PERSON + "字");
    }
    if (!problems.isEmpty()) {
      return Mono.error(
          new DomainException(
              HttpStatus.BAD_REQUEST, "BAD_TASK", "交办事项未登记：" + String.join("；", problems)));
    }
    return Mono.just(
        new Assignment(
            null,
            lead,
            List.copyOf(supports),
            task.deadline(),
            task.milestones(),
            task.leader(),
            null));
  }

  private static String unit(UnitNames names, String written, String role, List<String> problems) {
    if (written == null || written.isBlank()) {
      problems.add("须写明" + role);
      return null;
    }
    UnitNames.Match m = names.match(written);
    if (m.unit() != null) {
      return m.unit();
    }
    problems.add(
        m.candidates().isEmpty()
            ? role + "“" + written.strip() + "”不是已登记的单位"
            : role + "“" + written.strip() + "”可指多个单位：" + String.join("、", m.candidates()));
    return null;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
