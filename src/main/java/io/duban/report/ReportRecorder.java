package io.duban.report;

import io.duban.chat.InboundMessage;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.report.MessageReader.Reading;
import io.duban.report.Understanding.Report;
import io.duban.unit.Contact;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Turns an understood report from a chat message into a stored progress report. */
@Component
class ReportRecorder {

  private final ReportService reports;
  private final PlanService plans;
  private final Clock clock;

  ReportRecorder(ReportService reports, PlanService plans, Clock clock) {
    this.reports = reports;
    this.plans = plans;
    this.clock = clock;
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
    Contact contact = reading.contact();
    return reports.record(
        new NewReport(
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
            message.sentAt() == null ? clock.instant() : message.sentAt(),
            replacesId));
  }

  /** The confirmation of a stored report. */
  Mono<String> confirmation(ProgressReport saved, String verb) {
    return title(saved.itemCode()).map(title -> ReplyTexts.accepted(saved, title, verb));
  }

  /** An item's title, empty text when the plan no longer has it. */
  Mono<String> title(String code) {
    return plans.findItem(code).map(PlanItem::title).defaultIfEmpty("");
  }
}
