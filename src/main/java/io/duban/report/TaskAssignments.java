package io.duban.report;

import io.duban.chat.CardActions;
import io.duban.chat.OutboundMessage;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.ChineseDates;
import io.duban.system.DomainException;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import io.duban.unit.Assignment;
import io.duban.unit.Contact;
import io.duban.unit.GroupChat;
import io.duban.unit.ItemsAssigned;
import io.duban.unit.NewTask;
import io.duban.unit.SheetProblem;
import io.duban.unit.TaskFiling;
import io.duban.unit.TaskSheet;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/**
 * Assigning items to units: files a 交办事项 and tells its lead unit's groups in the same transaction,
 * and tells the lead units of a published plan what they newly lead. Either way the notice asks for
 * the 签收 the reminders then chase.
 */
@Service
public class TaskAssignments {

  private static final Logger log = LoggerFactory.getLogger(TaskAssignments.class);
  private static final int CONTENT_CHARS = 300;

  /** Most items one unit's list notice names; the rest are counted. */
  private static final int LISTED = 30;

  private final TaskFiling filing;
  private final PlanService plans;
  private final UnitService units;
  private final Acknowledgements acknowledgements;
  private final GroupNotifier notifier;
  private final TransactionalOperator tx;
  private final LifecycleProperties properties;

  TaskAssignments(
      TaskFiling filing,
      PlanService plans,
      UnitService units,
      Acknowledgements acknowledgements,
      ObjectProvider<GroupNotifier> notifier,
      TransactionalOperator tx,
      LifecycleProperties properties) {
    this.filing = filing;
    this.plans = plans;
    this.units = units;
    this.acknowledgements = acknowledgements;
    this.notifier = notifier.getIfUnique(() -> (group, text, key) -> Mono.just(false));
    this.tx = tx;
    this.properties = properties;
  }

  /** Files {@code task} as {@code actor} and queues the notice to its lead unit's groups. */
  public Mono<TaskFiling.Filed> file(NewTask task, String actor) {
    return tx.transactional(
        filing
            .file(task, actor)
            .flatMap(filed -> announce(filed.item(), filed.assignment()).thenReturn(filed)));
  }

  /** A 交办清单's outcome: the rows it would file (or filed), or every problem by row. */
  public record SheetFiling(
      List<TaskSheet.Row> rows, List<TaskFiling.Filed> filed, List<SheetProblem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks every row of a read 交办清单 and, when none has a problem and {@code store} is set, files
   * them all in one transaction with their notices: one bad row and nothing is filed.
   */
  public Mono<SheetFiling> fileSheet(TaskSheet.Outcome sheet, String actor, boolean store) {
    if (!sheet.problems().isEmpty()) {
      return Mono.just(new SheetFiling(sheet.rows(), List.of(), sheet.problems()));
    }
    return Flux.fromIterable(sheet.rows())
        .concatMap(
            row ->
                filing
                    .check(row.task())
                    .then(Mono.<SheetProblem>empty())
                    .onErrorResume(
                        DomainException.class,
                        e ->
                            Mono.just(
                                new SheetProblem(
                                    row.number(), e.getMessage().replaceFirst("^交办事项未登记：", "")))))
        .collectList()
        .flatMap(
            problems -> {
              if (!problems.isEmpty() || !store) {
                return Mono.just(new SheetFiling(sheet.rows(), List.of(), problems));
              }
              return tx.transactional(
                      Flux.fromIterable(sheet.rows())
                          .concatMap(row -> file(row.task(), actor))
                          .collectList())
                  .map(filed -> new SheetFiling(sheet.rows(), filed, List.of()));
            });
  }

  /** The lead units of a published plan's newly assigned items are told (after its commit). */
  @EventListener
  void published(ItemsAssigned assigned) {
    if (!properties.announcePlanAssignments()) {
      return;
    }
    announceByUnit(assigned.year(), assigned.itemCodes())
        .subscribe(null, e -> log.warn("Assignment notices not queued: {}", e.toString()));
  }

  /** {@link #announceByUnit(int, List)} for items of the current plan. */
  Mono<Void> announceByUnit(List<String> codes) {
    return plans.currentYear().flatMap(year -> announceByUnit(year, codes));
  }

  /**
   * Tells each lead unit of {@code codes} (items of {@code year}'s plan) what it newly leads in one
   * notice, which asks for one {@code 签收} of them all (a unit given a single item gets that item's
   * own notice); once per assignment.
   */
  Mono<Void> announceByUnit(int year, List<String> codes) {
    // that year's items and assignments, not the current plan's: codes repeat from year to year
    Mono<Map<String, PlanItem>> ofYear =
        plans.items(year).collectMap(PlanItem::code, Function.identity());
    Mono<Map<String, Assignment>> assigned =
        units.assignments(year).collectMap(Assignment::itemCode, Function.identity());
    return Mono.zip(ofYear, assigned)
        .flatMapMany(
            known ->
                Flux.fromIterable(codes)
                    .filter(
                        code -> known.getT1().containsKey(code) && known.getT2().containsKey(code))
                    .concatMap(
                        code ->
                            acknowledgements
                                .of(known.getT1().get(code))
                                .map(
                                    owed ->
                                        Tuples.of(
                                            known.getT1().get(code),
                                            known.getT2().get(code),
                                            owed))))
        .collectList()
        .zipWith(units.units().collectMap(Unit::code, Unit::name))
        .flatMapMany(
            t -> {
              Map<String, List<reactor.util.function.Tuple3<PlanItem, Assignment, Acknowledgement>>>
                  byUnit =
                      t.getT1().stream()
                          .collect(
                              Collectors.groupingBy(
                                  x -> x.getT3().unitCode(),
                                  java.util.LinkedHashMap::new,
                                  Collectors.toList()));
              return Flux.fromIterable(byUnit.entrySet())
                  .concatMap(
                      e -> {
                        var items = e.getValue();
                        if (items.size() == 1) {
                          return announce(items.get(0).getT1(), items.get(0).getT2());
                        }
                        long latest =
                            items.stream()
                                .mapToLong(x -> x.getT3().assignedAt().toEpochMilli())
                                .max()
                                .orElse(0);
                        String key =
                            "assigned-list:" + e.getKey() + ":" + latest + ":" + items.size();
                        String text =
                            listNotice(
                                t.getT2().getOrDefault(e.getKey(), e.getKey()),
                                items.stream().map(x -> x.getT1()).toList(),
                                items.stream().map(x -> x.getT2()).toList());
                        return units
                            .groups(e.getKey())
                            .concatMap(g -> notifier.post(g, text, key + ":" + g.id()))
                            .then();
                      });
            })
        .then();
  }

  /** The notice of several items newly led by one unit, asking one 签收 for all. */
  static String listNotice(String unitName, List<PlanItem> items, List<Assignment> assignments) {
    StringBuilder s = new StringBuilder();
    s.append("【任务分工】").append(unitName).append("牵头以下").append(items.size()).append("项任务：");
    int listed = Math.min(items.size(), LISTED);
    for (int i = 0; i < listed; i++) {
      Assignment a = assignments.get(i);
      s.append('\n')
          .append(items.get(i).code())
          .append(' ')
          .append(ReporterText.flat(items.get(i).title(), 60));
      if (a.deadline() != null) {
        s.append("（完成时限：").append(ChineseDates.fullDate(a.deadline())).append("）");
      }
    }
    if (items.size() > listed) {
      s.append("\n……等").append(items.size()).append("项，详见督办看板");
    }
    s.append("\n请牵头单位回复“签收”一次确认收到以上全部事项（也可逐项回复“签收 ").append(items.get(0).code()).append("”）。");
    return s.toString();
  }

  /**
   * Tells the item's lead unit's groups it is theirs and asks for the 签收, with a 签收 button where
   * the group's bot sends cards (and the unit's people one to one where the bot's cards go only
   * so); once per assignment.
   */
  Mono<Void> announce(PlanItem item, Assignment assignment) {
    Mono<Map<String, String>> names = units.units().collectMap(Unit::code, Unit::name);
    return Mono.zip(acknowledgements.of(item), names)
        .flatMapMany(
            t -> {
              String text = notice(item, assignment, t.getT2());
              Acknowledgement owed = t.getT1();
              long at = owed.assignedAt().toEpochMilli();
              String key = "assigned:" + item.code() + ":" + at;
              Mono<List<Contact>> people = units.contacts(owed.unitCode()).collectList().cache();
              Flux<GroupChat> groups = units.groups(owed.unitCode());
              return groups.concatMap(
                  g ->
                      people.flatMap(
                          p ->
                              notifier.post(
                                  g,
                                  text,
                                  key + ":" + g.id(),
                                  acknowledgeButton(item.code(), at, g),
                                  userIds(p, g))));
            })
        .then();
  }

  /** The 签收 button of one notice: its card id names the item, the assignment and the group. */
  private static OutboundMessage.Button acknowledgeButton(String code, long at, GroupChat group) {
    String cardId =
        ("ack-" + code + "-" + at + "-" + group.id()).replaceAll("[^A-Za-z0-9_\\-@]", "-");
    return new OutboundMessage.Button("签收", CardActions.acknowledge(code), cardId);
  }

  /** The user ids on the group's platform of the unit's people. */
  private static List<String> userIds(List<Contact> people, GroupChat group) {
    return people.stream()
        .filter(c -> c.platform() == group.platform())
        .map(Contact::platformUserId)
        .toList();
  }

  static String notice(PlanItem item, Assignment a, Map<String, String> names) {
    StringBuilder s = new StringBuilder();
    s.append(item.task() ? "【交办】" : "【任务分工】").append(item.code()).append(' ').append(item.title());
    if (item.task()) {
      s.append("\n来源：").append(item.source().kind().label());
      if (item.source().ref() != null) {
        s.append("（").append(ReporterText.flat(item.source().ref(), 100)).append("）");
      }
      if (item.source().filedBy() != null) {
        s.append("，交办人：").append(ReporterText.flat(item.source().filedBy(), 50));
      }
      if (!item.body().equals(item.title())) {
        s.append("\n内容：").append(ReporterText.flat(item.body(), CONTENT_CHARS));
      }
    }
    s.append("\n牵头：").append(names.getOrDefault(a.leadUnit(), a.leadUnit()));
    if (!a.supportUnits().isEmpty()) {
      List<String> support = a.supportUnits().stream().map(c -> names.getOrDefault(c, c)).toList();
      s.append("；配合：").append(String.join("、", support));
    }
    if (a.deadline() != null) {
      s.append("\n完成时限：").append(ChineseDates.fullDate(a.deadline()));
    }
    if (a.leader() != null) {
      s.append("；责任领导：").append(ReporterText.flat(a.leader(), 50));
    }
    if (!a.milestones().isEmpty()) {
      s.append("\n节点：")
          .append(
              a.milestones().stream()
                  .map(m -> ChineseDates.fullDate(m.date()) + "前达到" + m.percent() + "%")
                  .collect(Collectors.joining("；")));
    }
    s.append("\n请牵头单位回复“签收 ").append(item.code()).append("”确认收到。");
    return s.toString();
  }
}
