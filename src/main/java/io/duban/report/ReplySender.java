package io.duban.report;

import io.duban.chat.InboundMessage;
import reactor.core.publisher.Mono;

/**
 * Answers a person in the chat their message came from. The delivery feature implements it with the
 * outbox; the returned Mono completes once the reply is durably queued, not when sent.
 */
public interface ReplySender {

  /**
   * Queues {@code text} as the answer to {@code source}.
   *
   * @param dedupeKey unique per intended reply, so a re-processed message is answered once
   */
  Mono<Void> reply(InboundMessage source, String text, String dedupeKey);

  /**
   * Queues an update in place of the card {@code press} was pressed on, to show {@code title} (a
   * button's new text where the platform only relabels it) and {@code text}; nothing where the
   * press names no card its platform updates.
   *
   * @param dedupeKey unique per intended update, so a re-processed press updates once
   */
  default Mono<Void> updateCard(InboundMessage press, String title, String text, String dedupeKey) {
    return Mono.empty();
  }
}
