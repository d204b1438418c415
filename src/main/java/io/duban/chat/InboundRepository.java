package io.duban.chat;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code inbound_message}: the once-only insert, reads, and processing claims. */
@Repository
class InboundRepository {

  private static final String COLUMNS =
      "id, platform, bot_id, platform_message_id, chat_id, chat_type, sender_id, sender_name,"
          + " message_type, text, sent_at, reply_url, reply_url_expires_at";

  private final DatabaseClient db;

  InboundRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts unless the dedupe key exists; emits the stored row, or nothing for a duplicate. */
  Mono<InboundMessage> insert(NewInboundMessage m, Instant now) {
    GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO inbound_message (platform, bot_id, platform_message_id, chat_id,"
                    + " chat_type, sender_id, sender_name, message_type, text, sent_at, reply_url,"
                    + " reply_url_expires_at, raw_payload, received_at, next_attempt_at)"
                    + " VALUES (:platform, :botId, :messageId, :chatId, :chatType, :senderId,"
                    + " :senderName, :messageType, :text, :sentAt, :replyUrl, :replyUrlExpiresAt,"
                    + " :raw, :now, :now)"
                    + " ON CONFLICT (platform, bot_id, platform_message_id) DO NOTHING"
                    + " RETURNING "
                    + COLUMNS)
            .bind("platform", m.platform().name())
            .bind("botId", m.botId())
            .bind("messageId", m.platformMessageId())
            .bind("chatId", m.chatId())
            .bind("chatType", m.chatType().name())
            .bind("senderId", m.senderId())
            .bind("messageType", m.messageType())
            .bind("text", m.text())
            .bind("sentAt", utc(m.sentAt()))
            .bind("raw", m.rawPayload())
            .bind("now", utc(now));
    spec = bindNullable(spec, "senderName", m.senderName());
    spec = bindNullable(spec, "replyUrl", m.replyUrl());
    spec =
        m.replyUrlExpiresAt() == null
            ? spec.bindNull("replyUrlExpiresAt", OffsetDateTime.class)
            : spec.bind("replyUrlExpiresAt", utc(m.replyUrlExpiresAt()));
    return spec.map(InboundRepository::message).one();
  }

  Mono<InboundMessage> findByKey(Platform platform, String botId, String platformMessageId) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM inbound_message WHERE platform = :platform AND bot_id = :botId"
                + " AND platform_message_id = :messageId")
        .bind("platform", platform.name())
        .bind("botId", botId)
        .bind("messageId", platformMessageId)
        .map(InboundRepository::message)
        .one();
  }

  Mono<InboundMessage> findById(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM inbound_message WHERE id = :id")
        .bind("id", id)
        .map(InboundRepository::message)
        .one();
  }

  Flux<InboundMessage> recent(int limit) {
    return db.sql("SELECT " + COLUMNS + " FROM inbound_message ORDER BY id DESC LIMIT :limit")
        .bind("limit", limit)
        .map(InboundRepository::message)
        .all();
  }

  Flux<InboundMessage> recentInChat(Platform platform, String chatId, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM inbound_message WHERE platform = :platform AND chat_id = :chatId"
                + " ORDER BY sent_at DESC, id DESC LIMIT :limit")
        .bind("platform", platform.name())
        .bind("chatId", chatId)
        .bind("limit", limit)
        .map(InboundRepository::message)
        .all();
  }

  /**
   * Claims one due message for processing: counts the attempt and leases it until {@code
   * leaseUntil}, so no other instance or sweep takes it meanwhile.
   */
  Mono<Claimed> claim(long id, Instant now, Instant leaseUntil) {
    return db.sql(
            "UPDATE inbound_message SET attempts = attempts + 1, next_attempt_at = :lease"
                + " WHERE id = :id AND status = 'RECEIVED' AND next_attempt_at <= :now"
                + " RETURNING attempts, "
                + COLUMNS)
        .bind("id", id)
        .bind("now", utc(now))
        .bind("lease", utc(leaseUntil))
        .map(InboundRepository::claimed)
        .one();
  }

  /** Claims up to {@code limit} due messages, skipping rows another instance holds locked. */
  Flux<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
    return db.sql(
            "UPDATE inbound_message SET attempts = attempts + 1, next_attempt_at = :lease"
                + " WHERE id IN (SELECT id FROM inbound_message WHERE status = 'RECEIVED'"
                + " AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit"
                + " FOR UPDATE SKIP LOCKED)"
                + " RETURNING attempts, "
                + COLUMNS)
        .bind("now", utc(now))
        .bind("lease", utc(leaseUntil))
        .bind("limit", limit)
        .map(InboundRepository::claimed)
        .all();
  }

  Mono<Void> markProcessed(long id, Instant now) {
    return db.sql(
            "UPDATE inbound_message SET status = 'PROCESSED', processed_at = :now,"
                + " last_error = NULL WHERE id = :id")
        .bind("id", id)
        .bind("now", utc(now))
        .then();
  }

  /** Records a failed attempt: due again at {@code retryAt}, or FAILED when {@code giveUp}. */
  Mono<Void> markAttemptFailed(long id, String error, Instant retryAt, boolean giveUp) {
    return db.sql(
            "UPDATE inbound_message SET status = :status, next_attempt_at = :retryAt,"
                + " last_error = :error WHERE id = :id")
        .bind("id", id)
        .bind("status", (giveUp ? ProcessingStatus.FAILED : ProcessingStatus.RECEIVED).name())
        .bind("retryAt", utc(retryAt))
        .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .then();
  }

  /** A message claimed for processing, with the number of this attempt. */
  record Claimed(InboundMessage message, int attempt) {}

  private static Claimed claimed(Readable row) {
    return new Claimed(message(row), row.get("attempts", Integer.class));
  }

  private static InboundMessage message(Readable row) {
    return new InboundMessage(
        row.get("id", Long.class),
        Platform.valueOf(row.get("platform", String.class)),
        row.get("bot_id", String.class),
        row.get("platform_message_id", String.class),
        row.get("chat_id", String.class),
        ChatType.valueOf(row.get("chat_type", String.class)),
        row.get("sender_id", String.class),
        row.get("sender_name", String.class),
        row.get("message_type", String.class),
        row.get("text", String.class),
        instant(row.get("sent_at", OffsetDateTime.class)),
        row.get("reply_url", String.class),
        instant(row.get("reply_url_expires_at", OffsetDateTime.class)));
  }

  private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String v) {
    return v == null ? spec.bindNull(name, String.class) : spec.bind(name, v);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
