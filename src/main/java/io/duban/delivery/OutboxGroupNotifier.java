package io.duban.delivery;

import io.duban.chat.OutboundMessage;
import io.duban.report.GroupNotifier;
import io.duban.unit.GroupChat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The report feature's group notices (受阻 to the leaders) through the {@link Outbox}: queued in the
 * caller's transaction when there is one, once per dedupe key.
 */
@Component
class OutboxGroupNotifier implements GroupNotifier {

  private static final Logger log = LoggerFactory.getLogger(OutboxGroupNotifier.class);

  private final Outbox outbox;

  OutboxGroupNotifier(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Mono<Boolean> post(GroupChat group, String text, String dedupeKey) {
    // 0 parts newly queued means the key was queued before: the notice is on its way all the same
    return Mono.fromCallable(
            () -> outbox.groupDestination(group.platform(), group.botId(), group.chatId()))
        .doOnError(e -> log.warn("No way to reach group {}: {}", group.id(), e.toString()))
        // a group no bot can reach gets no notice; the report itself still stands
        .onErrorResume(e -> Mono.empty())
        .flatMap(
            destination ->
                outbox.enqueue(destination, OutboundMessage.text(text, List.of()), dedupeKey))
        .map(parts -> true)
        .defaultIfEmpty(false);
  }
}
