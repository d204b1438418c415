package io.duban.evidence;

import io.duban.chat.InboundMessage;
import io.duban.chat.MediaRef;
import io.duban.chat.Platform;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The evidence rows and their content, stored once per SHA-256. */
@Repository
class EvidenceRepository {

  /** A download still to do. */
  record Pending(
      long id,
      long inboundMessageId,
      MediaRef ref,
      String chatId,
      String senderId,
      Instant sentAt,
      int attempts,
      String itemCode) {}

  /** Stored bytes and how to serve them. */
  record Content(String contentType, String fileName, byte[] bytes, String itemCode) {}

  private static final String FILE_COLUMNS =
      "e.id, e.item_code, e.report_id, e.kind, e.file_name, c.content_type, c.size_bytes,"
          + " e.sender_id, e.sent_at, e.platform";

  private final DatabaseClient db;

  EvidenceRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Records a picture or file message once; false when it already was. */
  Mono<Boolean> insert(InboundMessage m, MediaRef ref, Instant now) {
    return db.sql(
            "insert into evidence (inbound_message_id, platform, bot_id, chat_id, sender_id, kind,"
                + " file_name, media_key, platform_message_id, sent_at, next_attempt_at,"
                + " created_at) values (:inbound, :platform, :bot, :chat, :sender, :kind, :name,"
                + " :key, :pmid, :sent, :now, :now) on conflict (inbound_message_id) do nothing")
        .bind("inbound", m.id())
        .bind("platform", m.platform().name())
        .bind("bot", m.botId())
        .bind("chat", m.chatId())
        .bind("sender", m.senderId())
        .bind("kind", ref.kind().name())
        .bindNull("name", String.class)
        .bind("key", ref.key())
        .bind("pmid", ref.messageId())
        .bind("sent", m.sentAt())
        .bind("now", now)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0)
        .flatMap(
            first ->
                ref.fileName() == null || !first
                    ? Mono.just(first)
                    : db.sql("update evidence set file_name = :name where inbound_message_id = :id")
                        .bind("name", ref.fileName())
                        .bind("id", m.id())
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(true));
  }

  /** Attaches the evidence of one message to a report. */
  Mono<Void> attach(long inboundMessageId, long reportId, String itemCode) {
    return db.sql(
            "update evidence set report_id = :report, item_code = :item"
                + " where inbound_message_id = :id")
        .bind("report", reportId)
        .bind("item", itemCode)
        .bind("id", inboundMessageId)
        .then();
  }

  /** Unattached evidence a sender sent within a window, for a report that just arrived. */
  Flux<Long> unattached(Platform platform, String senderId, Instant from, Instant to) {
    return db.sql(
            "select inbound_message_id from evidence where report_id is null"
                + " and platform = :platform and sender_id = :sender"
                + " and sent_at between :from and :to and status <> 'REFUSED'")
        .bind("platform", platform.name())
        .bind("sender", senderId)
        .bind("from", from)
        .bind("to", to)
        .map(row -> row.get("inbound_message_id", Long.class))
        .all();
  }

  /** Claims due downloads: pushes them a while into the future so no other poll takes them. */
  Flux<Pending> claimDue(Instant now, Instant until, int limit) {
    return db.sql(
            "update evidence set next_attempt_at = :until, attempts = attempts + 1 where id in"
                + " (select id from evidence where status = 'PENDING' and next_attempt_at <= :now"
                + " order by next_attempt_at limit :limit for update skip locked)"
                + " returning id, inbound_message_id, platform, bot_id, platform_message_id,"
                + " media_key, kind, file_name, chat_id, sender_id, sent_at, attempts, item_code")
        .bind("now", now)
        .bind("until", until)
        .bind("limit", limit)
        .map(
            row ->
                new Pending(
                    row.get("id", Long.class),
                    row.get("inbound_message_id", Long.class),
                    new MediaRef(
                        Platform.valueOf(row.get("platform", String.class)),
                        row.get("bot_id", String.class),
                        row.get("platform_message_id", String.class),
                        row.get("media_key", String.class),
                        io.duban.chat.MessageKind.valueOf(row.get("kind", String.class)),
                        row.get("file_name", String.class)),
                    row.get("chat_id", String.class),
                    row.get("sender_id", String.class),
                    row.get("sent_at", Instant.class),
                    row.get("attempts", Integer.class),
                    row.get("item_code", String.class)))
        .all();
  }

  /** Stores the bytes (once per SHA-256) and marks the evidence stored. */
  Mono<Void> stored(long id, String sha256, String contentType, byte[] bytes, String fileName) {
    return db.sql(
            "insert into evidence_content (sha256, content_type, size_bytes, content)"
                + " values (:sha, :type, :size, :bytes) on conflict (sha256) do nothing")
        .bind("sha", sha256)
        .bind("type", contentType)
        .bind("size", (long) bytes.length)
        .bind("bytes", java.nio.ByteBuffer.wrap(bytes))
        .then()
        .then(
            db.sql(
                    "update evidence set status = 'STORED', sha256 = :sha, last_error = null,"
                        + " file_name = :name where id = :id")
                .bind("sha", sha256)
                .bind("name", fileName)
                .bind("id", id)
                .then());
  }

  Mono<Void> refused(long id, String reason) {
    return db.sql("update evidence set status = 'REFUSED', last_error = :why where id = :id")
        .bind("why", reason)
        .bind("id", id)
        .then();
  }

  Mono<Void> failed(long id, String error, Instant retryAt) {
    return db.sql("update evidence set last_error = :why, next_attempt_at = :at where id = :id")
        .bind("why", error.length() > 1000 ? error.substring(0, 1000) : error)
        .bind("at", retryAt)
        .bind("id", id)
        .then();
  }

  Flux<EvidenceFile> ofItem(String itemCode) {
    return db.sql(
            "select "
                + FILE_COLUMNS
                + " from evidence e join evidence_content c on c.sha256 = e.sha256"
                + " where e.item_code = :item and e.status = 'STORED' order by e.sent_at, e.id")
        .bind("item", itemCode)
        .map(EvidenceRepository::file)
        .all();
  }

  Flux<EvidenceFile> allStored() {
    return db.sql(
            "select "
                + FILE_COLUMNS
                + " from evidence e join evidence_content c on c.sha256 = e.sha256"
                + " where e.item_code is not null and e.status = 'STORED' order by e.sent_at, e.id")
        .map(EvidenceRepository::file)
        .all();
  }

  Mono<Boolean> hasStored(String itemCode) {
    return db.sql(
            "select exists (select 1 from evidence where item_code = :item"
                + " and status = 'STORED') as present")
        .bind("item", itemCode)
        .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
        .one();
  }

  Mono<Content> content(long id) {
    return db.sql(
            "select c.content_type, e.file_name, c.content, e.item_code from evidence e"
                + " join evidence_content c on c.sha256 = e.sha256"
                + " where e.id = :id and e.status = 'STORED'")
        .bind("id", id)
        .map(
            row -> {
              java.nio.ByteBuffer buffer = row.get("content", java.nio.ByteBuffer.class);
              byte[] bytes = new byte[buffer.remaining()];
              buffer.get(bytes);
              return new Content(
                  row.get("content_type", String.class),
                  row.get("file_name", String.class),
                  bytes,
                  row.get("item_code", String.class));
            })
        .one();
  }

  private static EvidenceFile file(io.r2dbc.spi.Readable row) {
    return new EvidenceFile(
        row.get("id", Long.class),
        row.get("item_code", String.class),
        row.get("report_id", Long.class),
        row.get("kind", String.class),
        row.get("file_name", String.class),
        row.get("content_type", String.class),
        row.get("size_bytes", Long.class),
        row.get("sender_id", String.class),
        row.get("sent_at", Instant.class),
        Platform.valueOf(row.get("platform", String.class)));
  }
}
