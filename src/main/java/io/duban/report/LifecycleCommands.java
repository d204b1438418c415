package io.duban.report;

import io.duban.chat.InboundMessage;
import io.duban.chat.MessageKind;
import io.duban.plan.PlanService;
import io.duban.plan.TaskSource;
import io.duban.report.MessageReader.Reading;
import io.duban.report.Understanding.Command;
import io.duban.system.ChineseDates;
import io.duban.system.DomainException;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import io.duban.unit.NewTask;
import io.duban.unit.TaskFiling;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The handling commands in chat: a leader's 交办 (read back, filed on 确认), a unit's 签收, 申请延期 and
 * 申请办结, a leader's 同意延期 / 不同意延期 and 退回, the 督查 office's 复核. Who may give which is checked here;
 * what each does, in {@link ItemLifecycle}, {@link TaskAssignments} and the unit feature's {@link
 * Acknowledgements}.
 */
@Component
class LifecycleCommands {

  static final String NOT_ALLOWED_LEADER = "此指令供局领导在局领导群或与机器人的单聊中使用。";
  static final String NOT_ALLOWED_SUPERVISOR = "复核由督查室办理。";
  private static final Pattern REASON =
      Pattern.compile("(?:原因|理由|因为|由于)\\s*[:：]?\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern TO_WORDS = Pattern.compile("^\\s*(?:延期)?\\s*(?:至|到|延至|延到)?\\s*");

  private final ItemLifecycle lifecycle;
  private final TaskAssignments assignments;
  private final TaskFiling filing;
  private final TaskDrafts drafts;
  private final Acknowledgements acknowledgements;
  private final PlanService plans;
  private final UnitService units;
  private final LifecycleProperties properties;
  private final ReplySender replies;
  private final ZoneId zone;
  private final Clock clock;

  LifecycleCommands(
      ItemLifecycle lifecycle,
      TaskAssignments assignments,
      TaskFiling filing,
      TaskDrafts drafts,
      Acknowledgements acknowledgements,
      PlanService plans,
      UnitService units,
      LifecycleProperties properties,
      ReplySender replies,
      ZoneId zone,
      Clock clock) {
    this.replies = replies;
    this.zone = zone;
    this.lifecycle = lifecycle;
    this.assignments = assignments;
    this.filing = filing;
    this.drafts = drafts;
    this.acknowledgements = acknowledgements;
    this.plans = plans;
    this.units = units;
    this.properties = properties;
    this.clock = clock;
  }

  Mono<String> run(InboundMessage message, Reading reading, Command command) {
    Mono<String> answer =
        switch (command.kind()) {
          case ASSIGN -> assign(message, reading, command.argument().typed());
          case CONFIRM -> confirm(message, reading);
          case CANCEL -> cancel(message, reading);
          case ACKNOWLEDGE -> acknowledge(message, reading, command);
          case EXTEND -> extend(reading, command);
          case APPROVE_EXTENSION -> decide(reading, command, true);
          case REFUSE_EXTENSION -> decide(reading, command, false);
          case SEND_BACK -> sendBack(message, reading, command);
          case ASK_CLOSE -> askClose(reading, command);
          case REVIEW_PASS -> review(message, reading, command, true);
          case REVIEW_RETURN -> review(message, reading, command, false);
          default -> Mono.empty();
        };
    return answer.onErrorResume(DomainException.class, e -> Mono.just(e.getMessage()));
  }

  private Mono<String> assign(InboundMessage message, Reading reading, String text) {
    Contact leader = reading.contact();
    if (!isLeader(leader)) {
      return Mono.just(NOT_ALLOWED_LEADER);
    }
    LocalDate today = LocalDate.now(clock);
    return Mono.zip(units.units().collectList(), units.unitNames())
        .flatMap(
            t -> {
              TaskOrder order =
                  TaskOrder.read(text, today, name -> t.getT2().apply(name).isPresent());
              return draft(message, leader, text, order, t.getT1());
            });
  }

  private Mono<String> draft(
      InboundMessage message, Contact leader, String text, TaskOrder order, List<Unit> known) {
    String example = "例如：交办 规划与法规科 12月15日前 报送年度工作计划初稿";
    if (order.lead() == null) {
      return Mono.just("没有识别出牵头单位，请写明已登记的单位名称，" + example);
    }
    if (order.due() == null) {
      return Mono.just("请写明完成时限（如 12月15日前、下周五、2027年1月15日），" + example);
    }
    if (order.content().isBlank()) {
      return Mono.just("请写明交办的工作内容，" + example);
    }
    NewTask task =
        new NewTask(
            TaskSource.INSTRUCTION,
            null,
            text.strip(),
            order.content(),
            order.lead(),
            order.supports(),
            leader.name(),
            order.due(),
            List.of());
    return filing
        .check(task)
        .flatMap(
            a ->
                drafts
                    .save(
                        message.platform(),
                        message.chatId(),
                        message.senderId(),
                        task,
                        clock.instant().plus(properties.draftTtl()))
                    .thenReturn(readBack(task, a, known)));
  }

  private String readBack(NewTask task, io.duban.unit.Assignment a, List<Unit> known) {
    Map<String, String> names =
        known.stream().collect(java.util.stream.Collectors.toMap(Unit::code, Unit::name));
    List<String> support = a.supportUnits().stream().map(c -> names.getOrDefault(c, c)).toList();
    return String.join(
        "\n",
        "请确认交办事项：",
        "来源：" + task.source().label() + "（" + task.leader() + "）",
        "牵头单位：" + names.getOrDefault(a.leadUnit(), a.leadUnit()),
        "配合单位：" + (support.isEmpty() ? "无" : String.join("、", support)),
        "完成时限：" + ChineseDates.fullDate(a.deadline()),
        "工作内容：" + ReporterText.flat(task.content(), 300),
        "回复“确认”立项并通知牵头单位签收，回复“取消”作废（" + properties.draftTtl().toMinutes() + "分钟内有效）。");
  }

  private Mono<String> confirm(InboundMessage message, Reading reading) {
    if (!isLeader(reading.contact())) {
      return Mono.empty();
    }
    return drafts
        .take(message.platform(), message.chatId(), message.senderId(), clock.instant())
        .flatMap(task -> assignments.file(task, reading.contact().name()))
        .flatMap(
            filed ->
                units
                    .unit(filed.assignment().leadUnit())
                    .map(Unit::name)
                    .defaultIfEmpty(filed.assignment().leadUnit())
                    .map(
                        name ->
                            "已交办 "
                                + filed.item().code()
                                + " "
                                + filed.item().title()
                                + "，已通知"
                                + name
                                + "签收；完成时限 "
                                + ChineseDates.fullDate(filed.assignment().deadline())
                                + "。"));
  }

  private Mono<String> cancel(InboundMessage message, Reading reading) {
    if (!isLeader(reading.contact())) {
      return Mono.empty();
    }
    return drafts
        .take(message.platform(), message.chatId(), message.senderId(), clock.instant())
        .map(task -> "已取消这项交办，未立项。");
  }

  private Mono<String> acknowledge(InboundMessage message, Reading reading, Command command) {
    String rest = command.argument() == null ? "" : command.argument().typed().strip();
    if (command.itemCode() == null
        && reading.contact() != null
        && (rest.isEmpty() || rest.equals("全部"))) {
      // one 签收 answers a notice that listed several items (a plan published to units)
      return acknowledgements
          .acknowledgeAll(reading.contact().unitCode(), reading.contact().name())
          .map(io.duban.unit.Acknowledgement::itemCode)
          .collectList()
          .map(
              codes ->
                  codes.isEmpty()
                      ? "本单位没有待签收的事项。签收某一事项请回复：签收 事项编号"
                      : "已签收 "
                          + codes.size()
                          + " 项："
                          + String.join("、", codes.subList(0, Math.min(codes.size(), 20)))
                          + (codes.size() > 20 ? "等" : "")
                          + "，请按时限办理并报送进展。");
    }
    if (reading.contact() == null) {
      return Mono.error(conflict(ReplyTexts.NOT_REGISTERED_COMMAND));
    }
    if (command.itemCode() == null) {
      return Mono.error(conflict("请写明事项编号，例如：签收 J2026-001"));
    }
    String code = command.itemCode();
    Contact c = reading.contact();
    Mono<String> current =
        plans
            .findItem(code)
            .switchIfEmpty(Mono.error(() -> conflict(ReplyTexts.unknownItem(code))))
            .flatMap(
                item ->
                    acknowledgements
                        .acknowledge(code, c.unitCode(), c.name())
                        .flatMap(
                            a ->
                                pressedCardShows(message, code, item.title(), a)
                                    .thenReturn(acknowledged(code, item.title(), c))));
    // the notice of a plan of another year published to units asked for this 签收
    return current.onErrorResume(
        DomainException.class,
        refused ->
            acknowledgements
                .acknowledgeElsewhere(code, c.unitCode(), c.name())
                .flatMap(
                    other -> {
                      String label = other.year() + "年计划 " + code;
                      return pressedCardShows(
                              message, label, other.title(), other.acknowledgement())
                          .thenReturn(acknowledged(label, other.title(), c));
                    })
                .switchIfEmpty(Mono.error(refused)));
  }

  private static String acknowledged(String label, String title, Contact by) {
    return "已签收 " + label + " " + title + "（签收人：" + by.name() + "），请按时限办理并报送进展。";
  }

  /**
   * A 签收 given by a card's button: the card is updated in place to say who 签收 it and when, so the
   * group (or the presser) no longer sees a button to press.
   */
  private Mono<Void> pressedCardShows(
      InboundMessage message, String label, String title, Acknowledgement ack) {
    if (message.messageType() != MessageKind.ACTION) {
      return Mono.empty();
    }
    String when =
        ChineseDates.dateTime(ack.acknowledgedAt(), zone, LocalDate.now(clock.withZone(zone)));
    return replies.updateCard(
        message,
        "已签收",
        "事项 "
            + label
            + " "
            + ReporterText.flat(title, 60)
            + "\n已由"
            + ack.acknowledgedBy()
            + "于"
            + when
            + "签收",
        "card-update:" + message.id());
  }

  private Mono<String> extend(Reading reading, Command command) {
    return unitCommand(reading, command, "申请延期 J2026-001 至1月15日 原因：……")
        .flatMap(
            c -> {
              String rest = afterCode(command);
              Matcher reason = REASON.matcher(rest);
              boolean stated = reason.find();
              String why = stated ? reason.group(1).strip() : "";
              String datePart = stated ? rest.substring(0, reason.start()) : rest;
              Optional<DueDates.Found> to = DueDates.find(datePart, LocalDate.now(clock));
              if (to.isEmpty()) {
                return Mono.just("请写明申请延至的日期，例如：申请延期 " + command.itemCode() + " 至1月15日 原因：……");
              }
              if (why.isEmpty()) {
                why = TO_WORDS.matcher(datePart.substring(to.get().end())).replaceFirst("").strip();
              }
              return lifecycle
                  .askExtension(
                      command.itemCode(),
                      c.unitCode(),
                      c.name(),
                      ClosingChannel.CHAT,
                      to.get().date(),
                      why)
                  .map(
                      s ->
                          "已提交 "
                              + s.itemCode()
                              + " 延期申请：延至"
                              + ChineseDates.fullDate(s.dueAfter())
                              + "，待责任领导审批；审批前完成时限不变。");
            });
  }

  private Mono<String> decide(Reading reading, Command command, boolean approve) {
    if (!isLeader(reading.contact())) {
      return Mono.just(NOT_ALLOWED_LEADER);
    }
    return coded(command, approve ? "同意延期 J2026-001" : "不同意延期 J2026-001 理由")
        .flatMap(
            code ->
                lifecycle
                    .decideExtension(
                        code,
                        approve,
                        reading.contact().name(),
                        ClosingChannel.CHAT,
                        afterCode(command))
                    .map(
                        s ->
                            approve
                                ? "已同意 "
                                    + code
                                    + " 延期，完成时限调整为"
                                    + ChineseDates.fullDate(s.dueAfter())
                                    + "，已通知牵头单位。"
                                : "已不同意 "
                                    + code
                                    + " 延期，完成时限仍为"
                                    + ChineseDates.fullDate(s.dueBefore())
                                    + "，已通知牵头单位。"));
  }

  private Mono<String> sendBack(InboundMessage message, Reading reading, Command command) {
    Contact c = reading.contact();
    if (!isLeader(c) && !(c != null && properties.supervises(message.senderId(), false))) {
      return Mono.just("退回由局领导或督查室办理。");
    }
    return coded(command, "退回 1.2 请补充佐证材料")
        .flatMap(
            code ->
                lifecycle
                    .sendBack(code, c.name(), ClosingChannel.CHAT, afterCode(command))
                    .map(s -> "已退回 " + code + "，已通知牵头单位补充后重新报送。"));
  }

  private Mono<String> askClose(Reading reading, Command command) {
    return unitCommand(reading, command, "申请办结 1.2 已完成……")
        .flatMap(
            c ->
                lifecycle
                    .askClosing(
                        command.itemCode(),
                        c.unitCode(),
                        c.name(),
                        ClosingChannel.CHAT,
                        afterCode(command))
                    .map(s -> "已提交 " + s.itemCode() + " 办结申请，待督查室复核、责任领导确认。"));
  }

  private Mono<String> review(
      InboundMessage message, Reading reading, Command command, boolean pass) {
    Contact c = reading.contact();
    if (c == null || !properties.supervises(message.senderId(), c.role() == ContactRole.LEADER)) {
      return Mono.just(NOT_ALLOWED_SUPERVISOR);
    }
    return coded(command, pass ? "复核通过 1.2" : "复核退回 1.2 原因")
        .flatMap(
            code ->
                lifecycle
                    .review(code, pass, c.name(), ClosingChannel.CHAT, afterCode(command))
                    .map(
                        s ->
                            pass
                                ? "已复核通过 " + code + "，待责任领导确认办结。"
                                : "已退回 " + code + " 的办结申请，已通知牵头单位。"));
  }

  /** A unit's command: a registered contact and a known item. */
  private Mono<Contact> unitCommand(Reading reading, Command command, String example) {
    if (reading.contact() == null) {
      return Mono.just(ReplyTexts.NOT_REGISTERED_COMMAND).flatMap(t -> Mono.error(conflict(t)));
    }
    return coded(command, example).thenReturn(reading.contact());
  }

  private Mono<String> coded(Command command, String example) {
    if (command.itemCode() == null) {
      return Mono.error(conflict("请写明事项编号，例如：" + example));
    }
    return plans
        .findItem(command.itemCode())
        .map(item -> item.code())
        .switchIfEmpty(Mono.error(() -> conflict(ReplyTexts.unknownItem(command.itemCode()))));
  }

  /** The argument's text after the item code it names. */
  private static String afterCode(Command command) {
    MessageText argument = command.argument();
    return ItemCodeReader.read(argument.folded())
        .map(m -> argument.typed().substring(m.end()))
        .orElse(argument.typed())
        .replaceFirst("^[\\s:：，,]+", "")
        .strip();
  }

  private static boolean isLeader(Contact contact) {
    return contact != null && contact.role() == ContactRole.LEADER;
  }

  private static DomainException conflict(String message) {
    return new DomainException(org.springframework.http.HttpStatus.CONFLICT, "REFUSED", message);
  }
}
