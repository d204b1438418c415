package io.duban.delivery;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What other features may read of the outbox: the latest messages queued for some chats, and what
 * came of messages queued under known dedupe keys.
 */
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

  /**
   * What came of one queued message.
   *
   * @param dedupeKey its once-only key
   * @param destination where it goes, as the admin pages show it
   * @param status where it is now
   * @param attempts attempts so far
   * @param lastError why the last attempt failed or why it could not be sent at all, or null
   */
  public record Fate(
      String dedupeKey, String destination, OutboxStatus status, int attempts, String lastError) {

    /** Sent, or still waiting for a send (PENDING or SENDING), or DEAD. */
    public boolean waiting() {
      return status == OutboxStatus.PENDING || status == OutboxStatus.SENDING;
    }
  }

  /**
   * What came of a set of queued messages.
   *
   * @param sent the platform took them
   * @param waiting still to be sent or being retried
   * @param dead given up on, or never sendable
   * @param reasons the distinct last errors of the dead and retried ones
   */
  public record Deliveries(int sent, int waiting, int dead, List<String> reasons) {

    public static final Deliveries NONE = new Deliveries(0, 0, 0, List.of());

    public Deliveries {
      reasons = List.copyOf(reasons);
    }

    /** The counts in Chinese, e.g. {@code 已送达 2 条，失败 2 条（…）}; empty when there are none. */
    public String text() {
      StringJoiner parts = new StringJoiner("，");
      if (sent > 0) {
        parts.add("已送达 " + sent + " 条");
      }
      if (waiting > 0) {
        parts.add("待发送 " + waiting + " 条");
      }
      if (dead > 0) {
        parts.add("失败 " + dead + " 条");
      }
      String text = parts.toString();
      return reasons.isEmpty() ? text : text + "（" + String.join("；", reasons) + "）";
    }

    /** True when some message failed for good. */
    public boolean failed() {
      return dead > 0;
    }
  }

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

  /** What came of each message queued under one of {@code keys}; unknown keys are left out. */
  public Flux<Fate> fates(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Flux.empty();
    }
    return repository
        .byKeys(keys)
        .map(
            m ->
                new Fate(
                    m.dedupeKey(),
                    m.destination().describe(),
                    m.status(),
                    m.attempts(),
                    m.lastError()));
  }

  /** What came of the messages queued under {@code keys}, counted. */
  public Mono<Deliveries> deliveries(Collection<String> keys) {
    return fates(keys).collectList().map(OutboxReader::count);
  }

  static Deliveries count(List<Fate> fates) {
    int sent = 0;
    int waiting = 0;
    int dead = 0;
    Set<String> reasons = new LinkedHashSet<>();
    for (Fate f : fates) {
      if (f.status() == OutboxStatus.SENT) {
        sent++;
        continue;
      }
      if (f.waiting()) {
        waiting++;
      } else {
        dead++;
      }
      if (f.lastError() != null && !f.lastError().isBlank()) {
        reasons.add(f.lastError());
      }
    }
    return new Deliveries(sent, waiting, dead, List.copyOf(reasons));
  }
}
