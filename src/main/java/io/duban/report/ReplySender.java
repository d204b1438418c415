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
}
