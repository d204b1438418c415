package io.duban.report;

import io.duban.chat.InboundMessage;
import io.duban.chat.InboundMessageHandler;
import io.duban.plan.PlanService;
import io.duban.report.ClarificationRepository.Pending;
import io.duban.report.MessageReader.Reading;
import io.duban.report.Understanding.Batch;
import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import io.duban.unit.ContactRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The report pipeline for stored chat messages: understand, store the report or carry out the
 * command, ask which item when unclear, and answer once in the same chat. Handling a message again
 * does nothing: the handled mark, the report and the queued reply commit together.
 */
@Component
class ReportConversation implements InboundMessageHandler {

  private final MessageReader reader;
  private final ReportRepository handled;
  private final ClarificationRepository clarifications;
  private final ReportRecorder recorder;
  private final ConversationCommands commands;
  private final ClarificationLearning learning;
  private final ReplySender replies;
  private final TransactionalOperator tx;
  private final ReportProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PlanService plans;

  ReportConversation(
      MessageReader reader,
      ReportRepository handled,
      ClarificationRepository clarifications,
      ReportRecorder recorder,
      ConversationCommands commands,
      ClarificationLearning learning,
      ObjectProvider<ReplySender> replies,
      TransactionalOperator tx,
      ReportProperties properties,
      Clock clock,
      MeterRegistry meters,
      PlanService plans) {
    this.meters = meters;
    this.plans = plans;
    this.reader = reader;
    this.handled = handled;
    this.clarifications = clarifications;
    this.recorder = recorder;
    this.commands = commands;
    this.learning = learning;
    this.replies = replies.getIfUnique(LoggingReplySender::new);
    this.tx = tx;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Mono<Void> handle(InboundMessage message) {
    if (!message.isText() || message.text() == null || message.text().isBlank()) {
      return Mono.empty();
    }
    Mono<Void> work =
        reader
            .read(message)
            .flatMap(
                reading ->
                    namedReport(reading)
                        .map(report -> recordNamed(message, reading, report))
                        .orElseGet(
                            () ->
                                handled
                                    .markHandled(
                                        message.id(),
                                        reading.understanding().intent().name(),
                                        clock.instant())
                                    .filter(first -> first)
                                    .flatMap(
                                        first ->
                                            AfterCommit.run(() -> understood(reading))
                                                .then(answer(message, reading)))))
            .flatMap(text -> replies.reply(message, text, "report-reply:" + message.id()));
    return tx.transactional(work);
  }

  /**
   * The report a contact's message makes on an item it names, with words beside the code (most
   * messages): {@link #answer} would store it and confirm, nothing else.
   */
  private static Optional<Report> namedReport(Reading reading) {
    if (reading.understanding() instanceof Report report
        && report.itemCode() != null
        && !report.text().isBlank()
        && (reading.contact() == null || reading.contact().role() != ContactRole.LEADER)) {
      return Optional.of(report);
    }
    return Optional.empty();
  }

  /**
   * Stores a {@link #namedReport} and confirms it; the statement that stores it also marks the
   * message handled and closes the sender's open question, and stores nothing when the message was
   * handled before (then nothing else happens).
   */
  private Mono<String> recordNamed(InboundMessage message, Reading reading, Report report) {
    return recorder
        .recordAnswering(
            message, reading, report, reading.understanding().intent().name(), clock.instant())
        .flatMap(
            saved ->
                AfterCommit.run(() -> understood(reading))
                    .then(recorder.confirmation(saved, "已记录")));
  }

  private void understood(Reading reading) {
    Understanding understanding = reading.understanding();
    String matched =
        understanding instanceof Report report
            ? (report.itemCode() == null ? "unmatched" : "matched")
            : "n/a";
    meters
        .counter("duban.understanding", "intent", understanding.intent().name(), "item", matched)
        .increment();
  }

  private Mono<String> answer(InboundMessage message, Reading reading) {
    Understanding understanding = reading.understanding();
    if (understanding instanceof Command command) {
      return commands.run(message, reading, command);
    }
    if (reading.contact() != null && reading.contact().role() == ContactRole.LEADER) {
      // A leader naming an item gives an instruction (1.2 请抓紧推进), not a progress report.
      return Mono.empty();
    }
    if (understanding instanceof Report report) {
      return report(message, reading, report);
    }
    if (understanding instanceof Batch batch) {
      return batch(message, reading, batch);
    }
    return Mono.empty();
  }

  /** Stores every line whose item is known and lists them; asks to resend the others. */
  private Mono<String> batch(InboundMessage message, Reading reading, Batch batch) {
    List<Report> unclear = batch.reports().stream().filter(Report::needsItem).toList();
    return Flux.fromIterable(batch.reports())
        .filter(r -> !r.needsItem())
        .concatMap(r -> recorder.record(message, reading, r, message.id(), null))
        .concatMap(recorder::line)
        .collectList()
        .map(lines -> ReplyTexts.acceptedMany(lines, unclear, reading.contact() != null));
  }

  private Mono<String> report(InboundMessage message, Reading reading, Report report) {
    Mono<Pending> pending =
        clarifications.take(
            message.platform(), message.chatId(), message.senderId(), clock.instant());
    if (report.itemCode() != null && report.text().isBlank()) {
      // A bare code answers the bot's question; without an open question it says nothing.
      return pending.flatMap(
          p ->
              recorder
                  .record(
                      message, reading, completed(p, report.itemCode()), p.inboundMessageId(), null)
                  .flatMap(saved -> learned(message, reading, p, saved).thenReturn(saved))
                  .flatMap(saved -> recorder.confirmation(saved, "已记录")));
    }
    if (report.itemCode() != null) {
      // a named report is stored before any answer (namedReport); never here
      return Mono.error(new IllegalStateException("a named report reached answer()"));
    }
    Instant now = clock.instant();
    Optional<String> named = namedCode(message.text());
    if (named.isPresent()) {
      // 9.9 已完成: the sender named an item the plan does not have; asking which item would hide it
      return plans
          .findItem(named.get())
          .hasElement()
          .flatMap(
              known ->
                  known
                      ? ask(message, report, now)
                      : Mono.just(ReplyTexts.unknownItem(named.get())));
    }
    return ask(message, report, now);
  }

  private Mono<String> ask(InboundMessage message, Report report, Instant now) {
    return clarifications
        .save(
            message.platform(),
            message.chatId(),
            message.senderId(),
            message.id(),
            report,
            message.sentAt() == null ? now : message.sentAt(),
            now.plus(properties.clarificationTtl()))
        .thenReturn(ReplyTexts.whichItem(report.candidates()));
  }

  /** The item code a message starts with, in any form people type, or empty. */
  private static Optional<String> namedCode(String text) {
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    return ItemCodeReader.read(normalised)
        .filter(m -> m.start() == 0)
        .map(ItemCodeReader.Mention::code);
  }

  /** A registered sender's answer teaches the item the words of the report they had sent. */
  private Mono<Void> learned(
      InboundMessage message, Reading reading, Pending p, ProgressReport saved) {
    if (reading.contact() == null) {
      return Mono.empty();
    }
    return learning.learn(
        p.text(), saved.itemCode(), message.platform().name() + ":" + message.senderId());
  }

  private static Report completed(Pending p, String code) {
    return new Report(code, p.status(), p.percent(), p.reason(), List.of(), p.text());
  }
}
