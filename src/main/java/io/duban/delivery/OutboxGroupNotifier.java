package io.duban.delivery;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.report.GroupNotifier;
import io.duban.unit.GroupChat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The report feature's group notices (受阻 to the leaders, 签收 to a lead unit) through the {@link
 * Outbox}: queued in the caller's transaction when there is one, once per dedupe key. A notice with
 * a button goes as a card where the group's bot renders one, else as text; a bot that renders such
 * cards only one to one (a WeCom app) also sends the card to the people who may press it.
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
    return post(group, OutboundMessage.text(text, List.of()), dedupeKey);
  }

  @Override
  public Mono<Boolean> post(
      GroupChat group,
      String text,
      String dedupeKey,
      OutboundMessage.Button button,
      List<String> people) {
    OutboundMessage card = OutboundMessage.text(text, List.of()).withButton(button);
    Mono<Boolean> inGroup = post(group, card, dedupeKey);
    return inGroup.flatMap(
        queued ->
            destination(group)
                .filter(d -> !outbox.carriesButtons(d))
                .flatMap(
                    d -> outbox.cardsToPeople(group.platform(), group.botId(), List.copyOf(people)))
                .map(
                    direct ->
                        outbox
                            .enqueue(direct, card, dedupeKey + ":card")
                            .map(parts -> queued)
                            .defaultIfEmpty(queued))
                .orElse(Mono.just(queued)));
  }

  private Mono<Boolean> post(GroupChat group, OutboundMessage message, String dedupeKey) {
    // 0 parts newly queued means the key was queued before: the notice is on its way all the same
    return Mono.justOrEmpty(destination(group))
        .flatMap(destination -> outbox.enqueue(destination, message, dedupeKey))
        .map(parts -> true)
        .defaultIfEmpty(false);
  }

  /** How the group is reached; empty (and logged) when no bot can reach it. */
  private Optional<Destination> destination(GroupChat group) {
    try {
      return Optional.of(outbox.groupDestination(group.platform(), group.botId(), group.chatId()));
    } catch (RuntimeException e) {
      // a group no bot can reach gets no notice; the report itself still stands
      log.warn("No way to reach group {}: {}", group.id(), e.toString());
      return Optional.empty();
    }
  }
}
