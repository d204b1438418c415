package io.duban.report;

import io.duban.chat.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Writes replies to the log; used only while no real {@link ReplySender} (the delivery outbox) is
 * in the application, so that the report pipeline works on its own.
 */
final class LoggingReplySender implements ReplySender {

  private static final Logger log = LoggerFactory.getLogger(LoggingReplySender.class);

  @Override
  public Mono<Void> reply(InboundMessage source, String text, String dedupeKey) {
    return Mono.fromRunnable(
        () ->
            log.info(
                "Reply to {} chat {} (no delivery configured, key {}): {}",
                source.platform(),
                source.chatId(),
                dedupeKey,
                text));
  }
}
