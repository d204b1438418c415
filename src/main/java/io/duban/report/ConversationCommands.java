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

  ConversationCommands(
      ReportService reports,
      ReportRecorder recorder,
      PlanService plans,
      UnitService units,
      ReportProperties properties,
      Clock clock,
      ItemClosing closing,
      ClosedItems closed) {
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
      case HELP -> Mono.just(ReplyTexts.HELP);
      case MINE -> mine(reading);
      case SHOW -> show(command.itemCode());
      case UNDO -> undo(message);
      case EDIT -> edit(message, reading, command.payload());
      case SAME -> same(message, reading, command.itemCode());
      case MISSING -> missing(reading);
      case CLOSE -> closing(reading, command.itemCode(), true);
      case REOPEN -> closing(reading, command.itemCode(), false);
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
        close
            ? closing.close(code, contact.name(), ClosingChannel.CHAT, "")
            : closing.reopen(code, contact.name(), ClosingChannel.CHAT, "");
    return done.then(
            plans
                .findItem(code)
                .map(
                    item ->
                        item.code()
                            + " "
                            + item.title()
                            + (close ? " 已确认办结销号，不再催报。" : " 已重新打开，恢复催报。")))
        .onErrorResume(DomainException.class, e -> Mono.just(e.getMessage()));
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
                            item.code() + " " + item.title() + "\n  " + ReplyTexts.line(r, today()))
                    .defaultIfEmpty(item.code() + " " + item.title() + "\n  尚无进展"))
        .collect(Collectors.joining("\n"))
        .map(lines -> lines.isEmpty() ? "本单位暂无分工任务。" : "本单位任务：\n" + lines);
  }

  private Mono<String> show(String code) {
    if (code == null) {
      return Mono.just(ReplyTexts.SHOW_NEEDS_CODE);
    }
    return plans
        .findItem(code)
        .flatMap(
            item ->
                reports
                    .reportsOfItem(code)
                    .take(3)
                    .map(r -> "  " + ReplyTexts.line(r, today()))
                    .collect(Collectors.joining("\n"))
                    .map(
                        lines ->
                            item.code()
                                + " "
                                + item.title()
                                + "\n"
                                + (lines.isEmpty() ? "  尚无进展" : lines)))
        .defaultIfEmpty(ReplyTexts.unknownItem(code));
  }

  private Mono<String> undo(InboundMessage message) {
    return reports
        .lastBySender(
            message.platform(), message.senderId(), clock.instant().minus(properties.undoWindow()))
        .flatMap(
            last ->
                reports
                    .retract(last.id())
                    .then(title(last.itemCode()))
                    .map(title -> ReplyTexts.undone(last, title)))
        .defaultIfEmpty(ReplyTexts.NOTHING_TO_UNDO);
  }

  private Mono<String> edit(InboundMessage message, Reading reading, Report payload) {
    if (payload == null) {
      return Mono.just(ReplyTexts.EDIT_NEEDS_TEXT);
    }
    return reports
        .lastBySender(
            message.platform(), message.senderId(), clock.instant().minus(properties.undoWindow()))
        .flatMap(
            last -> {
              String code = payload.itemCode() == null ? last.itemCode() : payload.itemCode();
              return reports
                  .retract(last.id())
                  .then(
                      recorder.record(
                          message, reading, payload.withItem(code), message.id(), last.id()))
                  .flatMap(saved -> recorder.confirmation(saved, "已修改"));
            })
        .defaultIfEmpty(ReplyTexts.NOTHING_TO_EDIT);
  }

  private Mono<String> same(InboundMessage message, Reading reading, String code) {
    Mono<String> itemCode =
        code != null
            ? Mono.just(code)
            : reports
                .lastBySender(message.platform(), message.senderId(), java.time.Instant.EPOCH)
                .map(ProgressReport::itemCode);
    return itemCode
        .flatMap(
            c ->
                reports
                    .latest(c)
                    .flatMap(
                        previous ->
                            recorder
                                .record(
                                    message,
                                    reading,
                                    new Report(
                                        c,
                                        previous.status(),
                                        previous.percent(),
                                        previous.reason(),
                                        java.util.List.of(),
                                        previous.text()),
                                    message.id(),
                                    null)
                                .flatMap(saved -> recorder.confirmation(saved, "已记录本周无变化")))
                    .defaultIfEmpty(ReplyTexts.noEarlierReport(c)))
        .defaultIfEmpty(ReplyTexts.noEarlierReport("您"));
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
  private java.time.LocalDate today() {
    return java.time.LocalDate.now(clock);
  }
}
