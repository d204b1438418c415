package io.duban.delivery;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import java.time.Instant;
import java.util.Collection;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** What other features may read of the outbox: the latest messages queued for some chats. */
@Service
public class OutboxReader {

  /**
   * A queued message as a reader sees it.
   *
   * @param id the outbox id
   * @param message what it says
   * @param status where it is in its life
   * @param createdAt when it was queued
   * @param webhook true when it goes through the bot's webhook (so its target names no chat)
   * @param dedupeKey its once-only key, which names what it answers or which group it is for
   */
  public record Queued(
      long id,
      OutboundMessage message,
      OutboxStatus status,
      Instant createdAt,
      boolean webhook,
      String dedupeKey) {}

  private final OutboxRepository repository;

  OutboxReader(OutboxRepository repository) {
    this.repository = repository;
  }

  /**
   * The latest messages a bot was asked to send to any of {@code targets} (chat ids or user ids) or
   * through its webhook, newest first.
   */
  public Flux<Queued> latestTo(
      Platform platform, String botId, Collection<String> targets, int limit) {
    return repository
        .latestTo(platform, botId, targets, limit)
        .map(
            m ->
                new Queued(
                    m.id(),
                    m.message(),
                    m.status(),
                    m.createdAt(),
                    m.destination().channel() == Destination.Channel.WEBHOOK,
                    m.dedupeKey()));
  }
}
