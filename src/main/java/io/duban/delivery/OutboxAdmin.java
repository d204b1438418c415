package io.duban.delivery;

import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What an admin may see and do with the outbox, for the API and the dashboard's delivery page: list
 * messages by state (DEAD, or WAITING for a send), and redrive a DEAD one, audited.
 */
@Service
public class OutboxAdmin {

  /** The states an admin may filter on: one of {@link OutboxStatus}, or WAITING for both waits. */
  public static final String FILTERS = "DEAD、WAITING、PENDING、SENDING、SENT";

  /**
   * An outbox message as admins see it; reply URLs are cut to their host.
   *
   * @param destination platform, bot and channel in words, never a credential
   * @param text the message text, {@code (image)} for a picture
   * @param lastError why the last attempt failed, or why it could never be sent
   */
  public record OutboxView(
      long id,
      String dedupeKey,
      String destination,
      String format,
      String text,
      OutboxStatus status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {

    static OutboxView of(OutboxMessage m) {
      return new OutboxView(
          m.id(),
          m.dedupeKey(),
          m.destination().describe(),
          m.message().format().name(),
          m.message().format().binary()
              ? "(" + m.message().format().name().toLowerCase(java.util.Locale.ROOT) + ")"
              : m.message().text(),
          m.status(),
          m.attempts(),
          m.nextAttemptAt(),
          m.lastError(),
          m.createdAt(),
          m.sentAt());
    }

    /** Whether an admin may redrive it. */
    public boolean dead() {
      return status == OutboxStatus.DEAD;
    }

    /** The state in Chinese. */
    public String statusLabel() {
      return switch (status) {
        case PENDING -> attempts == 0 ? "待发送" : "重试中";
        case SENDING -> "发送中";
        case SENT -> "已送达";
        case DEAD -> "失败";
      };
    }
  }

  private final OutboxRepository repository;
  private final AdminAudit audit;
  private final Clock clock;
  private final OutboxWakeUp wakeUp;

  OutboxAdmin(OutboxRepository repository, AdminAudit audit, Clock clock, OutboxWakeUp wakeUp) {
    this.repository = repository;
    this.audit = audit;
    this.clock = clock;
    this.wakeUp = wakeUp;
  }

  /**
   * The latest {@code limit} messages in the state {@code filter} names ({@link #FILTERS}, any
   * case), all when it is null or blank; 400 for another filter or limit.
   */
  public Flux<OutboxView> list(String filter, int limit) {
    if (limit < 1 || limit > 1000) {
      return Flux.error(DomainException.badRequest("limit 应在 1 到 1000 之间"));
    }
    return Mono.fromCallable(() -> statuses(filter))
        .flatMapMany(statuses -> repository.list(statuses, limit))
        .map(OutboxView::of);
  }

  /** The states {@code filter} stands for; empty for every state. */
  static Set<OutboxStatus> statuses(String filter) {
    if (filter == null || filter.isBlank()) {
      return Set.of();
    }
    String name = filter.trim().toUpperCase(Locale.ROOT);
    if ("WAITING".equals(name)) {
      return EnumSet.of(OutboxStatus.PENDING, OutboxStatus.SENDING);
    }
    try {
      return EnumSet.of(OutboxStatus.valueOf(name));
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("status 应为 " + FILTERS + " 之一，收到「" + filter + "」");
    }
  }

  /** DEAD and waiting messages together, newest first: what the delivery page lists. */
  public Flux<OutboxView> undelivered(int limit) {
    return repository
        .list(List.of(OutboxStatus.DEAD, OutboxStatus.PENDING, OutboxStatus.SENDING), limit)
        .map(OutboxView::of);
  }

  /**
   * Makes a DEAD message PENDING again with a fresh attempt budget, audited as {@code
   * OUTBOX_REDRIVE}, and wakes the dispatchers (this instance's once the change commits, the others
   * by {@code NOTIFY}), so it is sent now rather than at the next poll; 404 for an unknown id, 409
   * for a message that is not DEAD.
   */
  public Mono<OutboxView> redrive(long id) {
    return repository
        .find(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有编号为 " + id + " 的待发消息")))
        .flatMap(
            m ->
                repository
                    .redrive(id, clock.instant())
                    .switchIfEmpty(
                        Mono.error(
                            new DomainException(
                                HttpStatus.CONFLICT,
                                "NOT_DEAD",
                                "消息 " + id + " 的状态为 " + m.status() + "，只有失败（DEAD）的消息可以重发"))))
        .flatMap(
            m ->
                audit
                    .record("OUTBOX_REDRIVE", "outbox:" + id, m.dedupeKey())
                    .then(wakeUp.wakeAfterCommit())
                    .thenReturn(OutboxView.of(m)));
  }
}
