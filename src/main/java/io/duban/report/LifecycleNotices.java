package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.system.ChineseDates;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import java.time.LocalDate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the groups concerned of a step of an item's handling: a request (延期, 办结) to the leaders'
 * groups, where the leaders and the 督查 office decide; a decision or a 退回 to the lead unit's groups.
 * Queued in the caller's transaction, once per step and group.
 */
@Component
class LifecycleNotices {

  private static final int NOTE_CHARS = 200;

  private final UnitService units;
  private final GroupNotifier notifier;

  LifecycleNotices(UnitService units, ObjectProvider<GroupNotifier> notifier) {
    this.units = units;
    this.notifier = notifier.getIfUnique(() -> (group, text, key) -> Mono.just(false));
  }

  Mono<Void> told(PlanItem item, ItemStep step, String leadUnit, String unitName) {
    String head = item.code() + " " + item.title();
    String note =
        step.note() == null || step.note().isBlank()
            ? ""
            : ReporterText.quoted(step.note(), NOTE_CHARS);
    String who = (unitName == null ? "" : unitName) + step.actor();
    return switch (step.kind()) {
      case EXTENSION_ASKED ->
          leaders(
              step,
              "【延期申请】"
                  + head
                  + "\n"
                  + who
                  + "申请延期至"
                  + day(step.dueAfter())
                  + "（原时限"
                  + day(step.dueBefore())
                  + "），原因："
                  + note
                  + "\n责任领导请回复“同意延期 "
                  + item.code()
                  + "”或“不同意延期 "
                  + item.code()
                  + " 理由”。");
      case EXTENSION_APPROVED ->
          unit(
              leadUnit,
              step,
              "【同意延期】" + head + "\n" + step.actor() + "已同意延期，完成时限调整为" + day(step.dueAfter()) + "。");
      case EXTENSION_REFUSED ->
          unit(
              leadUnit,
              step,
              "【不同意延期】"
                  + head
                  + "\n"
                  + step.actor()
                  + "未同意延期，完成时限仍为"
                  + day(step.dueBefore())
                  + "。"
                  + (note.isEmpty() ? "" : "理由：" + note));
      case RETURNED ->
          unit(
              leadUnit,
              step,
              "【退回】" + head + "\n" + step.actor() + "退回了本事项的进展：" + note + "\n请补充后重新报送进展。");
      case CLOSE_ASKED ->
          leaders(
              step,
              "【申请办结】"
                  + head
                  + "\n"
                  + who
                  + "申请办结"
                  + (note.isEmpty() ? "" : "：" + note)
                  + "\n请督查室复核：回复“复核通过 "
                  + item.code()
                  + "”或“复核退回 "
                  + item.code()
                  + " 原因”。");
      case REVIEW_PASSED ->
          leaders(
                  step,
                  "【复核通过】" + head + "\n" + step.actor() + "复核通过，请责任领导回复“确认办结 " + item.code() + "”。")
              .then(unit(leadUnit, step, "【复核通过】" + head + "\n督查室已复核通过，待责任领导确认办结。"));
      case REVIEW_RETURNED ->
          unit(
              leadUnit,
              step,
              "【复核退回】" + head + "\n" + step.actor() + "退回了办结申请：" + note + "\n请补充后再申请办结。");
    };
  }

  private Mono<Void> leaders(ItemStep step, String text) {
    return post(units.leaderGroups(), step, text);
  }

  private Mono<Void> unit(String unitCode, ItemStep step, String text) {
    return unitCode == null ? Mono.empty() : post(units.groups(unitCode), step, text);
  }

  private Mono<Void> post(Flux<GroupChat> groups, ItemStep step, String text) {
    String key =
        "step:" + step.itemCode() + ":" + step.kind().name() + ":" + step.at().toEpochMilli();
    return groups.concatMap(g -> notifier.post(g, text, key + ":" + g.id())).then();
  }

  private static String day(LocalDate date) {
    return date == null ? "未定" : ChineseDates.fullDate(date);
  }
}
