package io.duban.evidence;

import io.duban.chat.InboundMessage;
import io.duban.chat.InboundMessageHandler;
import io.duban.chat.MessageKind;
import io.duban.chat.ReceivedMedia;
import io.duban.report.ProgressReport;
import io.duban.report.ReportService;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes pictures and files from stored chat messages into evidence, in the transaction that marks
 * the message processed (so none is lost and none taken twice); the download itself happens later
 * in {@link EvidenceDownloads}. Runs after the report pipeline, so a report the same sender just
 * sent is there to attach to; a report arriving after the picture collects it here too.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class EvidenceIntake implements InboundMessageHandler {

  private final ReceivedMedia media;
  private final EvidenceRepository evidence;
  private final ReportService reports;
  private final EvidenceProperties properties;
  private final EvidenceReplies replies;
  private final Clock clock;

  EvidenceIntake(
      ReceivedMedia media,
      EvidenceRepository evidence,
      ReportService reports,
      EvidenceProperties properties,
      EvidenceReplies replies,
      Clock clock) {
    this.media = media;
    this.evidence = evidence;
    this.reports = reports;
    this.properties = properties;
    this.replies = replies;
    this.clock = clock;
  }

  @Override
  public Mono<Void> handle(InboundMessage message) {
    MessageKind kind = message.messageType();
    if (kind == MessageKind.IMAGE || kind == MessageKind.FILE) {
      return media
          .of(message)
          .flatMap(
              ref ->
                  evidence
                      .insert(message, ref, clock.instant())
                      .filter(first -> first)
                      .flatMap(first -> nearestReport(message))
                      .flatMap(
                          r -> evidence.attach(message.id(), r.id(), r.itemCode()).thenReturn(r)))
          .then();
    }
    if (message.isText()) {
      // a mixed message's picture is taken first, so the report its text made collects it
      Mono<Boolean> picture =
          kind == MessageKind.MIXED
              ? media.of(message).flatMap(ref -> evidence.insert(message, ref, clock.instant()))
              : Mono.empty();
      return picture.then(attachToReport(message));
    }
    return Mono.empty();
  }

  /**
   * Attaches the sender's pictures and files of the window to the report this message made, and
   * says so when there were others than the message's own.
   */
  private Mono<Void> attachToReport(InboundMessage message) {
    // most texts come without pictures: probe the sender's unattached evidence first (one index
    // probe) and read the reports of the window only when there is some
    return evidence
        .unattached(
            message.platform(),
            message.senderId(),
            message.sentAt().minus(properties.attachWindow()),
            message.sentAt().plus(properties.attachWindow()))
        .collectList()
        .filter(ids -> !ids.isEmpty())
        .flatMap(
            ids ->
                reportOf(message)
                    .flatMap(
                        report ->
                            Flux.fromIterable(ids)
                                .concatMap(
                                    id ->
                                        evidence
                                            .attach(id, report.id(), report.itemCode())
                                            .thenReturn(id))
                                .filter(id -> id != message.id())
                                .count()
                                .filter(n -> n > 0)
                                .flatMap(
                                    n -> replies.attachedLater(message, report.itemCode(), n))))
        .then();
  }

  /** The sender's report nearest in time within the window, before or after. */
  private Mono<ProgressReport> nearestReport(InboundMessage message) {
    return reports
        .reportsOfSenderNear(
            message.platform(), message.senderId(), message.sentAt(), properties.attachWindow())
        .next();
  }

  /** The report this very message made (the report pipeline ran first in this transaction). */
  private Mono<ProgressReport> reportOf(InboundMessage message) {
    return reports
        .reportsOfSenderNear(
            message.platform(), message.senderId(), message.sentAt(), properties.attachWindow())
        .filter(r -> r.inboundMessageId() != null && r.inboundMessageId() == message.id())
        .next();
  }
}
