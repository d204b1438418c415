package io.duban.report;

import io.duban.chat.Platform;
import io.duban.unit.NewTask;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 交办 a leader typed and the bot read back, kept per leader and chat until the leader answers 确认
 * or 取消 ({@code task_draft}); a newer 交办 replaces it, an expired one is never filed.
 */
@Repository
class TaskDrafts {

  private final DatabaseClient db;
  private final JsonMapper json;

  TaskDrafts(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  Mono<Void> save(
      Platform platform, String chatId, String senderId, NewTask task, Instant expires) {
    String body = json.writeValueAsString(task);
    return db.sql(
            "insert into task_draft (platform, chat_id, sender_id, body, expires_at)"
                + " values (:platform, :chat, :sender, :body, :expires)"
                + " on conflict (platform, chat_id, sender_id) do update"
                + " set body = excluded.body, expires_at = excluded.expires_at")
        .bind("platform", platform.name())
        .bind("chat", chatId)
        .bind("sender", senderId)
        .bind("body", body)
        .bind("expires", expires.atOffset(ZoneOffset.UTC))
        .then();
  }

  /** Takes the sender's unexpired draft in this chat (it is gone afterwards), or empty. */
  Mono<NewTask> take(Platform platform, String chatId, String senderId, Instant now) {
    return db.sql(
            "delete from task_draft where platform = :platform and chat_id = :chat"
                + " and sender_id = :sender returning body, expires_at > :now as live")
        .bind("platform", platform.name())
        .bind("chat", chatId)
        .bind("sender", senderId)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .map(
            r ->
                Boolean.TRUE.equals(r.get("live", Boolean.class))
                    ? r.get("body", String.class)
                    : "")
        .one()
        .filter(body -> !body.isEmpty())
        .flatMap(body -> Mono.fromCallable(() -> json.readValue(body, NewTask.class)));
  }
}
