package io.duban.chat;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code inbound_message}: the once-only insert, reads, and processing claims. */
@Repository
class InboundRepository {

  private static final String COLUMNS =
      "id, platform, bot_id, platform_message_id, chat_id, chat_type, sender_id, sender_name,"
          + " message_type, text, sent_at, reply_url, reply_url_expires_at, sender_corp";

  /** The parameters of one inserted row, each suffixed with the row's index in the statement. */
  private static final List<String> ROW_PARAMETERS =
      List.of(
          "platform",
          "botId",
          "messageId",
          "chatId",
          "chatType",
          "senderId",
          "senderName",
          "messageType",
          "text",
          "sentAt",
          "replyUrl",
          "replyUrlExpiresAt",
          "raw",
          "senderCorp");

  /**
   * "Still due" for rows found by id. Written so that it cannot match the partial index {@code
   * inbound_message_due}: that index keeps an entry for every message received since the last
   * vacuum (processing only marks it dead), and with the statistics of a busy table the planner
   * would read all of them to check a handful of ids (5 ms per claim after 70,000 messages, against
   * 0.1 ms by primary key).
   */
  private static final String BY_KEY_ONLY_DUE =
      "coalesce(status, '') = 'RECEIVED' AND next_attempt_at <= :now";

  private final DatabaseClient db;

  InboundRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts unless the dedupe key exists; emits the stored row, or nothing for a duplicate. */
  Mono<InboundMessage> insert(NewInboundMessage m, Instant now) {
    return insertAll(List.of(m), now).next();
  }

  /**
   * Inserts the messages with one statement, skipping those whose dedupe key exists (or repeats an
   * earlier one of the list); emits the rows stored, in no particular order.
   */
  Flux<InboundMessage> insertAll(List<NewInboundMessage> messages, Instant now) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO inbound_message (platform, bot_id, platform_message_id, chat_id,"
                + " chat_type, sender_id, sender_name, message_type, text, sent_at, reply_url,"
                + " reply_url_expires_at, raw_payload, sender_corp, received_at, next_attempt_at)"
                + " VALUES ");
    for (int i = 0; i < messages.size(); i++) {
      sql.append(i == 0 ? "(" : ", (");
      for (String column : ROW_PARAMETERS) {
        sql.append(':').append(column).append(i).append(", ");
      }
      sql.append(":now, :now)");
    }
    sql.append(" ON CONFLICT (platform, bot_id, platform_message_id) DO NOTHING RETURNING ")
        .append(COLUMNS);
    // one map bound at once: each bind() copies the parameters bound so far
    Map<String, Object> values = new HashMap<>(messages.size() * 16);
    values.put("now", utc(now));
    for (int i = 0; i < messages.size(); i++) {
      putRow(values, i, messages.get(i));
    }
    return db.sql(sql.toString()).bindValues(values).map(InboundRepository::message).all();
  }

  private static void putRow(Map<String, Object> values, int i, NewInboundMessage m) {
    values.put("platform" + i, m.platform().name());
    values.put("botId" + i, m.botId());
    values.put("messageId" + i, m.platformMessageId());
    values.put("chatId" + i, m.chatId());
    values.put("chatType" + i, m.chatType().name());
    values.put("senderId" + i, m.senderId());
    values.put("messageType" + i, m.messageType().key());
    values.put("text" + i, m.text());
    values.put("sentAt" + i, utc(m.sentAt()));
    values.put("raw" + i, m.rawPayload());
    values.put("senderName" + i, nullable(m.senderName(), String.class));
    values.put("replyUrl" + i, nullable(m.replyUrl(), String.class));
    values.put("senderCorp" + i, nullable(m.senderCorp(), String.class));
    values.put(
        "replyUrlExpiresAt" + i,
        m.replyUrlExpiresAt() == null
            ? Parameters.in(OffsetDateTime.class)
            : utc(m.replyUrlExpiresAt()));
  }

  private static Object nullable(Object value, Class<?> type) {
    return value == null ? Parameters.in(type) : value;
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
   * Locks those of the messages {@code ids} that are still due for handling in the caller's
   * transaction and marks them PROCESSED, counting this attempt, in one statement; a row another
   * transaction holds is skipped, not waited for. The handling that follows commits with the mark
   * or rolls it back with it, leaving the message due as it was; until then the lock keeps other
   * instances' sweeps off it. Emits the locked messages, with the number of this attempt, in no
   * particular order.
   */
  Flux<Claimed> claimProcessed(List<Long> ids, Instant now) {
    return db.sql(
            "UPDATE inbound_message SET status = 'PROCESSED', processed_at = :now,"
                + " attempts = attempts + 1, last_error = NULL WHERE id IN (SELECT id FROM"
                + " inbound_message WHERE id = ANY(:ids) AND "
                + BY_KEY_ONLY_DUE
                + " FOR UPDATE SKIP LOCKED) RETURNING attempts, "
                + COLUMNS)
        .bind("ids", ids.toArray(Long[]::new))
        .bind("now", utc(now))
        .map(InboundRepository::claimed)
        .all();
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

  /**
   * Marks messages {@link #claimDue} leased processed (their attempt was counted when it leased
   * them).
   */
  Mono<Void> markProcessed(List<Long> ids, Instant now) {
    return db.sql(
            "UPDATE inbound_message SET status = 'PROCESSED', processed_at = :now,"
                + " last_error = NULL WHERE id = ANY(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .bind("now", utc(now))
        .then();
  }

  /**
   * Records failed attempt number {@code attempt} (its claim may have been rolled back with the
   * handling): due again at {@code retryAt}, or FAILED when {@code giveUp}.
   */
  Mono<Void> markAttemptFailed(
      long id, int attempt, String error, Instant retryAt, boolean giveUp) {
    return db.sql(
            "UPDATE inbound_message SET status = :status, attempts = :attempt,"
                + " next_attempt_at = :retryAt, last_error = :error WHERE id = :id")
        .bind("id", id)
        .bind("attempt", attempt)
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
        MessageKind.of(row.get("message_type", String.class)),
        row.get("text", String.class),
        instant(row.get("sent_at", OffsetDateTime.class)),
        row.get("reply_url", String.class),
        instant(row.get("reply_url_expires_at", OffsetDateTime.class)),
        row.get("sender_corp", String.class));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
