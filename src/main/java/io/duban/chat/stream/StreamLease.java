package io.duban.chat.stream;

import io.duban.chat.Platform;
import io.duban.chat.StreamPresence;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection leases of stream bots ({@code stream_lease}): one row per bot, held by the
 * instance whose lease has not expired. Every decision is one statement judged by the database's
 * clock ({@code now()}), so instances whose clocks disagree still agree on who holds a bot; an
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE} takes a lease only if it expired (or is ours),
 * under the row lock, so two instances never both win.
 */
@Component
class StreamLease implements StreamPresence {

  private final DatabaseClient db;

  StreamLease(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Takes the lease of {@code bot} for {@code owner} when it is free, expired or already ours.
   * Taking over keeps the time since which the bot has been without a connection.
   */
  Mono<Boolean> acquire(Platform platform, String bot, String owner, Duration ttl) {
    return db.sql(
            "INSERT INTO stream_lease (platform, bot_id, owner, expires_at)"
                + " VALUES (:platform, :bot, :owner, now() + make_interval(secs => :ttl))"
                + " ON CONFLICT (platform, bot_id) DO UPDATE SET owner = excluded.owner,"
                + " expires_at = excluded.expires_at,"
                + " acquired_at = CASE WHEN stream_lease.owner = excluded.owner"
                + " THEN stream_lease.acquired_at ELSE now() END,"
                + " state_since = CASE WHEN NOT stream_lease.connected THEN stream_lease.state_since"
                + " WHEN stream_lease.expires_at < now() THEN stream_lease.expires_at"
                + " ELSE now() END,"
                + " connected = false"
                + " WHERE stream_lease.expires_at < now() OR stream_lease.owner = excluded.owner"
                + " RETURNING owner")
        .bind("platform", platform.name())
        .bind("bot", bot)
        .bind("owner", owner)
        .bind("ttl", seconds(ttl))
        .map(row -> row.get("owner", String.class))
        .one()
        .map(owner::equals)
        .defaultIfEmpty(false);
  }

  /**
   * Extends {@code owner}'s unexpired lease and records whether its connection is up; false when
   * the lease is no longer ours (expired or taken over), and the connection must then be left.
   */
  Mono<Boolean> renew(Platform platform, String bot, String owner, Duration ttl, boolean up) {
    return db.sql(
            "UPDATE stream_lease SET expires_at = now() + make_interval(secs => :ttl),"
                + " state_since = CASE WHEN connected = :up THEN state_since ELSE now() END,"
                + " connected = :up"
                + " WHERE platform = :platform AND bot_id = :bot AND owner = :owner"
                + " AND expires_at > now()")
        .bind("platform", platform.name())
        .bind("bot", bot)
        .bind("owner", owner)
        .bind("ttl", seconds(ttl))
        .bind("up", up)
        .fetch()
        .rowsUpdated()
        .map(rows -> rows == 1);
  }

  /**
   * Gives {@code owner}'s lease up at once (a clean shutdown), so another instance needs no wait.
   */
  Mono<Void> release(Platform platform, String bot, String owner) {
    return db.sql(
            "UPDATE stream_lease SET expires_at = now(), connected = false,"
                + " state_since = CASE WHEN connected THEN now() ELSE state_since END"
                + " WHERE platform = :platform AND bot_id = :bot AND owner = :owner")
        .bind("platform", platform.name())
        .bind("bot", bot)
        .bind("owner", owner)
        .fetch()
        .rowsUpdated()
        .then();
  }

  @Override
  public Mono<Boolean> connectedAnywhere(Platform platform, String botId) {
    return db.sql(
            "SELECT EXISTS (SELECT 1 FROM stream_lease WHERE platform = :platform"
                + " AND bot_id = :bot AND connected AND expires_at > now()) AS live")
        .bind("platform", platform.name())
        .bind("bot", botId)
        .map(row -> Boolean.TRUE.equals(row.get("live", Boolean.class)))
        .one()
        .defaultIfEmpty(false);
  }

  /**
   * Every leased bot with the time since which it has had no connection on any instance, or null
   * while one holds it connected. An owner that died connected counts as down from its lease's
   * expiry.
   */
  Flux<State> states() {
    return db.sql(
            "SELECT platform, bot_id, owner, CASE"
                + " WHEN connected AND expires_at > now() THEN NULL"
                + " WHEN connected THEN expires_at"
                + " ELSE state_since END AS down_since,"
                + " now() AS db_now FROM stream_lease")
        .map(
            row ->
                new State(
                    Platform.valueOf(row.get("platform", String.class)),
                    row.get("bot_id", String.class),
                    row.get("owner", String.class),
                    instant(row.get("down_since", OffsetDateTime.class)),
                    instant(row.get("db_now", OffsetDateTime.class))))
        .all();
  }

  /**
   * A bot's lease as every instance sees it.
   *
   * @param downSince since when the bot has had no connection, or null while it has one
   * @param now the database's time of the reading
   */
  record State(Platform platform, String bot, String owner, Instant downSince, Instant now) {}

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
