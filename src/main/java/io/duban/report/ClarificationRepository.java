package io.duban.report;

import io.duban.chat.Platform;
import io.duban.report.Understanding.Report;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reports waiting for the sender to say which item they meant, one per sender and chat. */
@Repository
class ClarificationRepository {

  /** A report the bot asked about, and the item codes it offered. */
  record Pending(
      long inboundMessageId,
      String text,
      ReportStatus status,
      Integer percent,
      String reason,
      List<String> candidates,
      Instant sentAt) {}

  private record Stored(Pending pending, Instant expiresAt) {}

  private final DatabaseClient db;

  ClarificationRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> save(
      Platform platform,
      String chatId,
      String senderId,
      long messageId,
      Report report,
      Instant sentAt,
      Instant expiresAt) {
    String candidates =
        String.join(",", report.candidates().stream().map(Candidate::code).toList());
    var spec =
        db.sql(
                "insert into report_clarification (platform, chat_id, sender_id,"
                    + " inbound_message_id, text, status, percent, reason, candidates, sent_at,"
                    + " expires_at) values (:platform, :chat, :sender, :message, :text, :status,"
                    + " :percent, :reason, :candidates, :sent, :expires)"
                    + " on conflict (platform, chat_id, sender_id) do update set"
                    + " inbound_message_id = excluded.inbound_message_id, text = excluded.text,"
                    + " status = excluded.status, percent = excluded.percent,"
                    + " reason = excluded.reason, candidates = excluded.candidates,"
                    + " sent_at = excluded.sent_at, expires_at = excluded.expires_at")
            .bind("platform", platform.name())
            .bind("chat", chatId)
            .bind("sender", senderId)
            .bind("message", messageId)
            .bind("text", report.text())
            .bind("status", report.status().name())
            .bind("candidates", candidates)
            .bind("sent", sentAt.atOffset(ZoneOffset.UTC))
            .bind("expires", expiresAt.atOffset(ZoneOffset.UTC));
    spec =
        report.percent() == null
            ? spec.bindNull("percent", Integer.class)
            : spec.bind("percent", report.percent());
    spec =
        report.reason() == null
            ? spec.bindNull("reason", String.class)
            : spec.bind("reason", report.reason());
    return spec.then();
  }

  /** The sender's open question in this chat, removing it; empty when none or expired. */
  Mono<Pending> take(Platform platform, String chatId, String senderId, Instant now) {
    return db.sql(
            "delete from report_clarification where platform = :platform and chat_id = :chat"
                + " and sender_id = :sender returning inbound_message_id, text, status, percent,"
                + " reason, candidates, sent_at, expires_at")
        .bind("platform", platform.name())
        .bind("chat", chatId)
        .bind("sender", senderId)
        .map(
            r ->
                new Stored(
                    new Pending(
                        r.get("inbound_message_id", Long.class),
                        r.get("text", String.class),
                        ReportStatus.valueOf(r.get("status", String.class)),
                        r.get("percent", Integer.class),
                        r.get("reason", String.class),
                        Arrays.stream(r.get("candidates", String.class).split(","))
                            .filter(s -> !s.isEmpty())
                            .toList(),
                        r.get("sent_at", OffsetDateTime.class).toInstant()),
                    r.get("expires_at", OffsetDateTime.class).toInstant()))
        .one()
        .filter(stored -> stored.expiresAt().isAfter(now))
        .map(Stored::pending);
  }
}
