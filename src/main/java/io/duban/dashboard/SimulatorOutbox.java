package io.duban.dashboard;

import java.time.OffsetDateTime;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Reads what Duban queued for the simulator's generic bot from the outbox: a generic bot without an
 * outbound URL keeps its messages there, which is exactly what the simulator shows.
 */
@Repository
class SimulatorOutbox {

  private static final Logger log = LoggerFactory.getLogger(SimulatorOutbox.class);

  private final DatabaseClient db;

  SimulatorOutbox(DatabaseClient db) {
    this.db = db;
  }

  /** The latest messages to any of the targets (chat ids or user ids), newest first. */
  Flux<ChatLine> sentTo(String bot, Collection<String> targets, int limit) {
    return db.sql(
            "select id, payload->>'format' as format, payload->>'title' as title,"
                + " payload->>'text' as text, status, created_at from outbox_message"
                + " where platform = 'GENERIC' and bot_id = :bot"
                + " and (target = any(:targets) or channel = 'WEBHOOK')"
                + " order by id desc limit :limit")
        .bind("bot", bot)
        .bind("targets", targets.toArray(String[]::new))
        .bind("limit", limit)
        .map(
            r ->
                new ChatLine(
                    "o" + r.get("id", Long.class),
                    "bot",
                    "督办助手",
                    r.get("format", String.class),
                    r.get("title", String.class),
                    r.get("text", String.class),
                    r.get("status", String.class),
                    r.get("created_at", OffsetDateTime.class).toInstant()))
        .all()
        .onErrorResume(
            DataAccessException.class,
            e -> {
              // before the delivery feature's outbox exists there is nothing to show
              log.debug("Simulator cannot read the outbox: {}", e.getMessage());
              return Flux.empty();
            });
  }
}
