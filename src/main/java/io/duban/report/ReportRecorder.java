package io.duban.report;

import io.duban.chat.InboundMessage;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.report.MessageReader.Reading;
import io.duban.report.Understanding.Report;
import io.duban.unit.Contact;
import io.duban.unit.Unit;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns an understood report from a chat message into a stored progress report, tells the leaders'
 * groups of a 受阻 one, and words the confirmation.
 */
@Component
class ReportRecorder {

  private static final int TITLE_CHARS = 30;
  private static final int REASON_CHARS = 120;

  private final ReportService reports;
  private final PlanService plans;
  private final UnitService units;
  private final GroupNotifier notifier;
  private final ZoneId zone;

  ReportRecorder(
      ReportService reports,
      PlanService plans,
      UnitService units,
      ObjectProvider<GroupNotifier> notifier,
      ZoneId zone) {
    this.reports = reports;
    this.plans = plans;
    this.units = units;
    this.notifier = notifier.getIfUnique(() -> (group, text, key) -> Mono.just(false));
    this.zone = zone;
  }

  /**
   * Stores {@code report} (its item known) as said by the message's sender.
   *
   * @param sourceMessageId the message the report's content came from
   * @param replacesId the report this one replaces, or null
   */
  Mono<ProgressReport> record(
      InboundMessage message,
      Reading reading,
      Report report,
      long sourceMessageId,
      Long replacesId) {
    return reports.record(newReport(message, reading, report, sourceMessageId, replacesId));
  }

  /**
   * As {@link #record} for a report that names its item, as the message's own answer: the statement
   * that stores it marks the message handled as {@code outcome} and closes any question "您说的是哪一项？"
   * the sender still has open in the chat. Emits nothing when the message had been handled before
   * (then nothing else may happen).
   */
  Mono<ProgressReport> recordAnswering(
      InboundMessage message, Reading reading, Report report, String outcome, Instant at) {
    return reports.recordAnswering(
        newReport(message, reading, report, message.id(), null),
        new ReportRepository.Answering(message.id(), outcome, at));
  }

  private NewReport newReport(
      InboundMessage message,
      Reading reading,
      Report report,
      long sourceMessageId,
      Long replacesId) {
    Contact contact = reading.contact();
    return new NewReport(
        report.itemCode(),
        contact == null ? null : contact.unitCode(),
        contact == null ? null : contact.id(),
        message.platform(),
        message.senderId(),
        message.senderName(),
        message.botId(),
        message.chatId(),
        report.status(),
        report.percent(),
        report.reason(),
        report.text(),
        sourceMessageId,
        reports.messageTime(message.sentAt()),
        replacesId);
  }

  /** The confirmation of a stored report, after telling the leaders when it says 受阻. */
  Mono<String> confirmation(ProgressReport saved, String verb) {
    return Mono.zip(title(saved.itemCode()), leadName(saved.itemCode()), forward(saved))
        .map(t -> ReplyTexts.accepted(saved, t.getT1(), verb, t.getT2().orElse(null), t.getT3()));
  }

  /** One line of a several-item confirmation, after telling the leaders when it says 受阻. */
  Mono<String> line(ProgressReport saved) {
    return Mono.zip(title(saved.itemCode()), forward(saved))
        .map(t -> ReplyTexts.line(saved, t.getT1()) + (t.getT2() ? "，受阻情况已转局领导" : ""));
  }

  /**
   * For a verified 受阻 report, queues a notice to every leaders' group, once per report and group;
   * true when at least one was queued. An unregistered sender's report waits for review first.
   */
  Mono<Boolean> forward(ProgressReport saved) {
    if (saved.status() != ReportStatus.BLOCKED || !saved.verified()) {
      return Mono.just(false);
    }
    String platformName = saved.senderName() != null ? saved.senderName() : saved.senderId();
    Mono<String> sender =
        saved.contactId() == null
            ? Mono.just(platformName)
            : units.contact(saved.contactId()).map(Contact::name).defaultIfEmpty(platformName);
    return Mono.zip(
            plans.findItem(saved.itemCode()).map(PlanItem::title).defaultIfEmpty(""),
            unitName(saved.unitCode()),
            leadName(saved.itemCode()),
            sender)
        .map(t -> notice(saved, t.getT1(), t.getT2(), t.getT3().orElse(null), t.getT4()))
        .flatMapMany(
            text ->
                units
                    .leaderGroups()
                    .concatMap(g -> notifier.post(g, text, "blocked:" + saved.id() + ":" + g.id())))
        .reduce(false, (a, b) -> a || b);
  }

  private String notice(ProgressReport r, String title, String unit, String lead, String sender) {
    String reason = r.reason() != null && !r.reason().isBlank() ? r.reason() : r.text();
    return "【受阻事项】"
        + r.itemCode()
        + " "
        + ReplyTexts.abbreviate(title, TITLE_CHARS)
        + (lead == null ? "" : "（" + lead + "牵头）")
        + "\n报送单位："
        + unit
        + (r.responsibility() == ReportResponsibility.LEAD
            ? ""
            : "（" + r.responsibility().label() + "）")
        + "，"
        + ReporterText.flat(sender, 20)
        + "，"
        + ReplyTexts.md(r.reportedAt().atZone(zone).toLocalDate())
        + "\n受阻原因："
        + ReporterText.quoted(reason, REASON_CHARS)
        + "\n请分管领导协调。";
  }

  /** An item's title, empty text when the plan no longer has it. */
  Mono<String> title(String code) {
    return plans.findItem(code).map(PlanItem::title).defaultIfEmpty("");
  }

  private Mono<java.util.Optional<String>> leadName(String itemCode) {
    return units
        .recentAssignments()
        .filter(a -> a.itemCode().equals(itemCode))
        .next()
        .flatMap(a -> unitName(a.leadUnit()))
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty());
  }

  private Mono<String> unitName(String code) {
    if (code == null) {
      return Mono.just("未登记单位");
    }
    return units.unit(code).map(Unit::name).defaultIfEmpty(code);
  }
}
