package io.duban.report;

import io.duban.chat.InboundMessage;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.report.MessageReader.Reading;
import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import io.duban.system.DomainException;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Carries out the chat commands and words their answers. */
@Component
class ConversationCommands {

  private final ReportService reports;
  private final ReportRecorder recorder;
  private final PlanService plans;
  private final UnitService units;
  private final ReportProperties properties;
  private final Clock clock;
  private final ItemClosing closing;
  private final ClosedItems closed;
  private final ZoneId zone;
  private final LifecycleCommands lifecycle;

  /** How many current entries 查询 lists. */
  private static final int SHOWN = 3;

  ConversationCommands(
      ReportService reports,
      ReportRecorder recorder,
      PlanService plans,
      UnitService units,
      ReportProperties properties,
      Clock clock,
      ItemClosing closing,
      ClosedItems closed,
      ZoneId zone,
      LifecycleCommands lifecycle) {
    this.zone = zone;
    this.lifecycle = lifecycle;
    this.closing = closing;
    this.closed = closed;
    this.reports = reports;
    this.recorder = recorder;
    this.plans = plans;
    this.units = units;
    this.properties = properties;
    this.clock = clock;
  }

  /** The answer to {@code command}; empty when there is nothing to say. */
  Mono<String> run(InboundMessage message, Reading reading, Command command) {
    return switch (command.kind()) {
      case HELP -> Mono.just(ReplyTexts.help(reading.contact()));
      case MINE -> mine(reading);
      case SHOW -> show(command.itemCode());
      case UNDO -> undo(message);
      case EDIT -> edit(message, reading, command.payload());
      case SAME -> same(message, reading, command.itemCode());
      case MISSING -> missing(reading);
      case CLOSE -> closing(reading, command.itemCode(), true);
      case REOPEN -> closing(reading, command.itemCode(), false);
      case ASSIGN,
          CONFIRM,
          CANCEL,
          ACKNOWLEDGE,
          EXTEND,
          APPROVE_EXTENSION,
          REFUSE_EXTENSION,
          SEND_BACK,
          ASK_CLOSE,
          REVIEW_PASS,
          REVIEW_RETURN ->
          lifecycle.run(message, reading, command);
    };
  }

  /** 确认办结 / 重新打开 by a leader; the closing service audits who did it from the chat. */
  private Mono<String> closing(Reading reading, String code, boolean close) {
    Contact contact = reading.contact();
    if (contact == null || contact.role() != ContactRole.LEADER) {
      return Mono.just(ReplyTexts.LEADERS_ONLY);
    }
    if (code == null) {
      return Mono.just(close ? "请写明事项编号，例如：确认办结 1.3" : "请写明事项编号，例如：重新打开 1.3");
    }
    Mono<ClosingRecord> done =
        Mono.defer(
            () ->
                close
                    ? closing.close(code, contact.name(), ClosingChannel.CHAT, "")
                    : closing.reopen(code, contact.name(), ClosingChannel.CHAT, ""));
    Mono<String> known =
        plans.findItem(code).hasElement().filter(k -> !k).map(k -> ReplyTexts.unknownItem(code));
    return known.switchIfEmpty(
        done.then(
                plans
                    .findItem(code)
                    .map(
                        item ->
                            item.code()
                                + " "
                                + item.title()
                                + (close ? " 已确认办结销号，不再催报。" : " 已重新打开，恢复催报。")))
            .onErrorResume(DomainException.class, e -> Mono.just(e.getMessage())));
  }

  private Mono<String> mine(Reading reading) {
    if (reading.contact() == null) {
      return Mono.just(ReplyTexts.NOT_REGISTERED_COMMAND);
    }
    return plans
        .leaves()
        .filter(item -> reading.unitItems().contains(item.code()))
        .concatMap(
            item ->
                reports
                    .latest(item.code())
                    .map(
                        r ->
                            item.code()
                                + " "
                                + item.title()
                                + "\n  "
                                + ReplyTexts.line(r, zone, today()))
                    .defaultIfEmpty(item.code() + " " + item.title() + "\n  尚无进展"))
        .collect(Collectors.joining("\n"))
        .map(lines -> lines.isEmpty() ? "本单位暂无分工任务。" : "本单位任务：\n" + lines);
  }

  /**
   * The item's current entries: of each unit's reports in a week only the latest stands (an earlier
   * one of the same week is superseded), unverified ones wait for review; newest first, each with
   * its date and unit.
   */
  private Mono<String> show(String code) {
    if (code == null) {
      return Mono.just(ReplyTexts.SHOW_NEEDS_CODE);
    }
    return plans
        .findItem(code)
        .flatMap(
            item ->
                units
                    .units()
                    .collectMap(Unit::code, Unit::name)
                    .flatMap(
                        names ->
                            reports
                                .reportsOfItem(code)
                                .filter(ProgressReport::verified)
                                .distinct(r -> r.unitCode() + "@" + r.period())
                                .take(SHOWN)
                                .map(
                                    r ->
                                        "  "
                                            + ReplyTexts.line(r, zone, today())
                                            + "（"
                                            + names.getOrDefault(r.unitCode(), r.unitCode())
                                            + (r.responsibility().leads()
                                                ? ""
                                                : "，" + r.responsibility().label())
                                            + "）")
                                .collect(Collectors.joining("\n")))
                    .map(
                        lines ->
                            item.code()
                                + " "
                                + item.title()
                                + "\n"
                                + (lines.isEmpty() ? "  尚无进展" : lines)))
        .defaultIfEmpty(ReplyTexts.unknownItem(code));
  }

  /** 撤销: takes back the sender's last report, whatever item, and names what it withdrew. */
  private Mono<String> undo(InboundMessage message) {
    return reports
        .lastBySender(message.platform(), message.senderId(), windowStart(), null)
        .flatMap(
            last ->
                reports
                    .retract(last.id())
                    .then(title(last.itemCode()))
                    .map(title -> ReplyTexts.undone(last, title, day(last))))
        .defaultIfEmpty(ReplyTexts.NOTHING_TO_UNDO);
  }

  /**
   * 修改 1.2 …: replaces the sender's latest report on 1.2; 修改 … without a code: the sender's last
   * report. Never touches a report on another item than the one it names.
   */
  private Mono<String> edit(InboundMessage message, Reading reading, Report payload) {
    if (payload == null) {
      return Mono.just(ReplyTexts.EDIT_NEEDS_TEXT);
    }
    String named = payload.itemCode();
    return reports
        .lastBySender(message.platform(), message.senderId(), windowStart(), named)
        .flatMap(
            last ->
                reports
                    .retract(last.id())
                    .then(
                        recorder.record(
                            message,
                            reading,
                            payload.withItem(last.itemCode()),
                            message.id(),
                            last.id()))
                    .flatMap(saved -> recorder.confirmation(saved, "已修改"))
                    .map(text -> text + "\n" + ReplyTexts.replaced(last, day(last))))
        .defaultIfEmpty(
            named == null ? ReplyTexts.NOTHING_TO_EDIT : ReplyTexts.nothingToEdit(named));
  }

  /**
   * 同上 / 1.2 无变化: repeats the unit's (or an unregistered sender's own) last report on the item for
   * this week, unless this week already has one.
   */
  private Mono<String> same(InboundMessage message, Reading reading, String code) {
    Mono<String> itemCode =
        code != null
            ? Mono.just(code)
            : reports
                .lastBySender(message.platform(), message.senderId(), Instant.EPOCH, null)
                .map(ProgressReport::itemCode);
    String unit = reading.contact() == null ? null : reading.contact().unitCode();
    String thisWeek = reports.periodOf(message.sentAt());
    return itemCode
        .flatMap(
            c ->
                (unit != null
                        ? reports.latestOfUnit(c, unit)
                        : reports.lastBySender(
                            message.platform(), message.senderId(), Instant.EPOCH, c))
                    .flatMap(
                        previous ->
                            previous.period().equals(thisWeek)
                                ? Mono.just(ReplyTexts.alreadyThisWeek(c))
                                : recorder
                                    .record(
                                        message,
                                        reading,
                                        new Report(
                                            c,
                                            previous.status(),
                                            previous.percent(),
                                            previous.reason(),
                                            List.of(),
                                            previous.text()),
                                        message.id(),
                                        null)
                                    .flatMap(saved -> recorder.confirmation(saved, "已记录本周无变化")))
                    .defaultIfEmpty(ReplyTexts.noEarlierReport(c)))
        .defaultIfEmpty(ReplyTexts.noEarlierReport("您"));
  }

  private Instant windowStart() {
    return clock.instant().minus(properties.undoWindow());
  }

  private LocalDate day(ProgressReport r) {
    return r.reportedAt().atZone(zone).toLocalDate();
  }

  private Mono<String> missing(Reading reading) {
    Contact contact = reading.contact();
    if (contact == null || contact.role() != ContactRole.LEADER) {
      return Mono.just(ReplyTexts.LEADERS_ONLY);
    }
    String period = reports.currentPeriod();
    return Mono.zip(units.units().collectMap(Unit::code, Unit::name), closed.codes())
        .flatMap(
            t ->
                reports
                    .missing(period)
                    // a closed item owes no report, whatever its unit still writes about it
                    .filter(m -> !t.getT2().contains(m.itemCode()))
                    .collectMultimap(ReportService.MissingReport::unitCode)
                    .map(
                        byUnit ->
                            byUnit.isEmpty()
                                ? ReplyTexts.week(period, today()) + "各单位均已报送进展。"
                                : ReplyTexts.week(period, today())
                                    + "未报进展：\n"
                                    + byUnit.entrySet().stream()
                                        .map(
                                            e ->
                                                t.getT1().getOrDefault(e.getKey(), e.getKey())
                                                    + "："
                                                    + e.getValue().stream()
                                                        .map(ReportService.MissingReport::itemCode)
                                                        .collect(Collectors.joining("、")))
                                        .collect(Collectors.joining("\n"))));
  }

  private Mono<String> title(String code) {
    return plans.findItem(code).map(PlanItem::title).defaultIfEmpty("");
  }

  /** Today in the clock's zone (the service zone): which year a date is written without. */
  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
