package io.duban.dashboard;

import io.duban.chat.Platform;
import io.duban.delivery.OutboxReader;
import java.util.Collection;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Reads what Duban queued for a bot, through the outbox's reader: the simulator shows it whether it
 * was sent or not (a generic bot without an outbound URL keeps its messages there; a platform bot
 * with no credentials on a trial install cannot send them).
 */
@Component
class SimulatorOutbox {

  private static final Logger log = LoggerFactory.getLogger(SimulatorOutbox.class);

  private final OutboxReader outbox;

  SimulatorOutbox(OutboxReader outbox) {
    this.outbox = outbox;
  }

  /**
   * The latest messages to any of the targets (chat ids or user ids), newest first. A message sent
   * through the bot's webhook names no chat, and one bot may serve several groups in the example
   * configuration: it is shown only when {@code ours} accepts its key (a reply to a line typed in
   * this chat, a digest, reminder or escalation for this group).
   */
  Flux<ChatLine> sentTo(
      Platform platform,
      String bot,
      Collection<String> targets,
      Predicate<String> ours,
      int limit) {
    return outbox
        .latestTo(platform, bot, targets, limit)
        .filter(q -> !q.webhook() || ours.test(q.dedupeKey()))
        .map(
            q ->
                new ChatLine(
                    "o" + q.id(),
                    "bot",
                    "督办助手",
                    q.message().format().name(),
                    q.message().title(),
                    q.message().text(),
                    q.status().name(),
                    q.createdAt()))
        .onErrorResume(
            DataAccessException.class,
            e -> {
              // before the delivery feature's outbox exists there is nothing to show
              log.debug("Simulator cannot read the outbox: {}", e.getMessage());
              return Flux.empty();
            });
  }
}
