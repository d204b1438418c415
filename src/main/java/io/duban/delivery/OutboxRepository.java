package io.duban.delivery;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code outbox_message} table. */
@Repository
class OutboxRepository {

  private static final String COLUMNS =
      "id, dedupe_key, platform, bot_id, channel, target, rate_key, payload::text AS payload, status,"
          + " attempts, next_attempt_at, last_error, created_at, sent_at";

  private final DatabaseClient db;
  private final JsonMapper json;

  OutboxRepository(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** A message to queue under its dedupe key, with the rate bucket its destination shares. */
  record NewMessage(
      String dedupeKey, Destination destination, String rateKey, OutboundMessage message) {}

  /**
   * Queues the messages with one statement, in list order (their ids ascend with it), skipping
   * those whose dedupe key was queued before or earlier in the list; emits how many were queued.
   */
  Mono<Long> insertAll(List<NewMessage> messages, Instant now) {
    if (messages.isEmpty()) {
      return Mono.just(0L);
    }
    return insert(messages, now, "").fetch().rowsUpdated();
  }

  /** As {@link #insertAll}, emitting the dedupe keys newly queued. */
  Mono<List<String>> insertAllKeys(List<NewMessage> messages, Instant now) {
    if (messages.isEmpty()) {
      return Mono.just(List.of());
    }
    return insert(messages, now, " RETURNING dedupe_key")
        .map(row -> row.get("dedupe_key", String.class))
        .all()
        .collectList();
  }

  /**
   * Queues the messages with one statement as {@link #insertAll} does, each as {@code dueAt} says:
   * a null time claims it SENDING for {@code instance} at {@code now} (it is sent from here once
   * the transaction commits, {@link OutboxDispatcher#queueAtCommit}), else it is PENDING, due then.
   * Emits the rows claimed, as queued (a key queued before is neither queued nor claimed). The same
   * statement records the rate-limit {@code permits} the claims were granted under in their
   * buckets, so they commit together.
   */
  Flux<OutboxMessage> insertClaiming(
      List<NewMessage> messages,
      List<Instant> dueAt,
      Instant now,
      String instance,
      RateLimiter.Permits permits) {
    if (messages.isEmpty()) {
      return Flux.empty();
    }
    return insert(messages, now, " RETURNING " + COLUMNS, dueAt, instance, permits)
        .map(this::read)
        .all()
        .filter(m -> m.status() == OutboxStatus.SENDING);
  }

  /** A bucket as {@link #lockBuckets} found it: its window (null when not asked) and busy. */
  record BucketState(String key, List<Instant> window, boolean busy) {}

  /**
   * Locks the buckets {@code asked} and reads their windows ({@link RateLimiter#LOCKED_WINDOWS}),
   * and says of every bucket of {@code all} whether a message is queued for it and not yet sent (as
   * the statement's snapshot sees it): a message queued for such a bucket waits its turn behind
   * them. One statement.
   */
  Flux<BucketState> lockBuckets(
      java.util.Collection<String> asked, java.util.Collection<String> all, Instant now) {
    return db.sql(
            "WITH locked AS ("
                + RateLimiter.LOCKED_WINDOWS
                + ") SELECT k, l.granted, EXISTS (SELECT 1 FROM outbox_message m"
                + " WHERE m.rate_key = k AND m.status IN ('PENDING', 'SENDING')) AS busy"
                + " FROM unnest(CAST(:all AS text[])) k LEFT JOIN locked l ON l.rate_key = k")
        .bind("keys", asked.toArray(String[]::new))
        .bind("since", RateLimiter.since(now))
        .bind("all", all.toArray(String[]::new))
        .map(
            row ->
                new BucketState(
                    row.get("k", String.class),
                    row.get("granted") == null ? null : RateLimiter.window(row, "granted"),
                    Boolean.TRUE.equals(row.get("busy", Boolean.class))))
        .all();
  }

  private DatabaseClient.GenericExecuteSpec insert(
      List<NewMessage> messages, Instant now, String returning) {
    return insert(messages, now, returning, null, null, null);
  }

  private DatabaseClient.GenericExecuteSpec insert(
      List<NewMessage> messages,
      Instant now,
      String returning,
      List<Instant> dueAt,
      String instance,
      RateLimiter.Permits permits) {
    Map<String, Object> values = new HashMap<>(messages.size() * 10);
    StringBuilder sql = new StringBuilder();
    if (permits != null && !permits.isEmpty()) {
      sql.append("WITH permits AS (").append(RateLimiter.Permits.UPDATE).append(") ");
      values.put("permitKeys", permits.keys());
      values.put("permitCounts", permits.counts());
      values.put("permitAt", now);
    }
    sql.append(
        "INSERT INTO outbox_message (dedupe_key, platform, bot_id, channel, target, destination,"
            + " rate_key, payload, status, attempts, next_attempt_at, created_at, claimed_at,"
            + " claimed_by) VALUES ");
    values.put("now", now);
    for (int i = 0; i < messages.size(); i++) {
      NewMessage m = messages.get(i);
      Destination d = m.destination();
      sql.append(i == 0 ? "(" : ", (");
      for (String column : ROW_PARAMETERS) {
        sql.append(':').append(column).append(i).append(", ");
      }
      sql.append("CAST(:payload").append(i).append(" AS jsonb), ");
      Instant due = dueAt == null ? now : dueAt.get(i);
      if (due == null) {
        sql.append("'SENDING', 0, :now, :now, :now, :instance)");
        values.put("instance", instance);
      } else if (due.equals(now)) {
        sql.append("'PENDING', 0, :now, :now, NULL, NULL)");
      } else {
        sql.append("'PENDING', 0, :due").append(i).append(", :now, NULL, NULL)");
        values.put("due" + i, due);
      }
      values.put("key" + i, m.dedupeKey());
      values.put("platform" + i, d.platform().name());
      values.put("bot" + i, d.botId());
      values.put("channel" + i, d.channel().name());
      values.put("target" + i, d.target());
      values.put("destination" + i, d.describe());
      values.put("rateKey" + i, m.rateKey());
      values.put("payload" + i, writePayload(m.message()));
    }
    sql.append(" ON CONFLICT (dedupe_key) DO NOTHING").append(returning);
    // one map bound at once: each bind() copies the parameters bound so far
    return db.sql(sql.toString()).bindValues(values);
  }

  /**
   * The parameters of one queued row but its payload, each suffixed with the row's index in the
   * statement.
   */
  private static final List<String> ROW_PARAMETERS =
      List.of("key", "platform", "bot", "channel", "target", "destination", "rateKey");

  /**
   * Claims up to {@code limit} due messages for the instance holding {@code lease}, renewing the
   * lease in the same statement: PENDING ones whose time has come, SENDING ones claimed by an
   * instance whose lease has lapsed (judged by the database's clock), and SENDING ones claimed
   * before {@code stuckBefore} (the last resort for an instance that is alive but stuck, and the
   * only way back for a claim that names no instance). Rows another instance holds are skipped, so
   * each message is claimed by one instance.
   */
  Flux<OutboxMessage> claim(Instant now, Instant stuckBefore, int limit, DispatcherLease lease) {
    boolean renew = !lease.fresh();
    long begun = System.nanoTime();
    return claim(now, stuckBefore, limit, lease, renew)
        .doOnComplete(
            () -> {
              if (renew) {
                lease.renewedSince(begun);
              }
            });
  }

  /**
   * As {@link #claim(Instant, Instant, int, DispatcherLease)}, renewing the lease only when {@code
   * renew}, and leaving it to the caller to note the renewal ({@link DispatcherLease#renewedSince})
   * once its transaction has committed.
   */
  Flux<OutboxMessage> claim(
      Instant now, Instant stuckBefore, int limit, DispatcherLease lease, boolean renew) {
    // Walks the partial index outbox_message_due in its order, so a claim reads about as many rows
    // as it takes however many messages were sent before or wait behind. A SENDING row was due when
    // it was claimed, so it is in that range too. (In id order the planner either walked the
    // primary key past every SENT row or sorted every due row: 17 to 27 ms a claim with 12,000
    // waiting.) The lease subquery reads the snapshot from before a renewal in the WITH: this
    // instance's own claims of a failed round count as lapsed only if its lease had lapsed.
    // The lease is renewed here only when the heartbeat has not done so lately (or does not run):
    // a write per round would cost the hot path a row update for nothing.
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                (renew
                        ? "WITH renewed AS (INSERT INTO dispatcher_lease (instance, alive_until)"
                            + " VALUES (:instance, now() + make_interval(secs => :length))"
                            + " ON CONFLICT (instance) DO UPDATE SET alive_until ="
                            + " excluded.alive_until RETURNING instance) "
                        : "")
                    + "UPDATE outbox_message SET status = 'SENDING', claimed_at = :now,"
                    + " claimed_by = :instance WHERE id IN ("
                    + " SELECT m.id FROM outbox_message m"
                    + " WHERE m.status IN ('PENDING', 'SENDING') AND m.next_attempt_at <= :now"
                    + " AND (m.status = 'PENDING' OR m.claimed_at < :stuck"
                    + " OR (m.claimed_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
                    + " dispatcher_lease l WHERE l.instance = m.claimed_by"
                    + " AND l.alive_until > now())))"
                    + " ORDER BY m.next_attempt_at, m.id LIMIT :limit FOR UPDATE OF m SKIP LOCKED)"
                    + " RETURNING "
                    + COLUMNS)
            .bind("instance", lease.instance())
            .bind("now", now)
            .bind("stuck", stuckBefore)
            .bind("limit", limit);
    if (renew) {
      spec = spec.bind("length", lease.seconds());
    }
    return spec.map(this::read).all().sort(java.util.Comparator.comparingLong(OutboxMessage::id));
  }

  /** Messages waiting to be sent, the age of the oldest in seconds, and DEAD messages. */
  Mono<long[]> backlog(Instant now) {
    // each figure from its own index (the partial "due" index, the status index): one aggregate
    // with filters read every row ever queued, every 15 s on every instance
    return db.sql(
            "SELECT (SELECT count(*) FROM outbox_message"
                + " WHERE status IN ('PENDING', 'SENDING')) AS waiting,"
                + " (SELECT min(created_at) FROM outbox_message"
                + " WHERE status IN ('PENDING', 'SENDING')) AS oldest,"
                + " (SELECT count(*) FROM outbox_message WHERE status = 'DEAD') AS dead")
        .map(
            row -> {
              java.time.OffsetDateTime oldest = row.get("oldest", java.time.OffsetDateTime.class);
              long age =
                  oldest == null
                      ? 0
                      : Math.max(
                          0, java.time.Duration.between(oldest.toInstant(), now).toSeconds());
              return new long[] {row.get("waiting", Long.class), age, row.get("dead", Long.class)};
            })
        .one();
  }

  /**
   * Marks messages SENT with one statement, {@code ids} and {@code attempts} pairwise: a round's
   * sends are recorded together instead of one update each.
   */
  Mono<Void> markAllSent(List<Long> ids, List<Integer> attempts, Instant now) {
    if (ids.isEmpty()) {
      return Mono.empty();
    }
    // The id = any(...) beside the join gives the planner an index condition on the primary key:
    // with only the join it guesses ten rows from unnest and, while the table is a few thousand
    // rows, hash-joins them against a sequential scan of every message ever queued (also in
    // requeue).
    return db.sql(
            "UPDATE outbox_message m SET status = 'SENT', attempts = s.attempts, sent_at = :now,"
                + " last_error = NULL FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[]))"
                + " AS s(id, attempts) WHERE m.id = any(CAST(:ids AS bigint[])) AND m.id = s.id")
        .bind("ids", ids.toArray(Long[]::new))
        .bind("attempts", attempts.toArray(Integer[]::new))
        .bind("now", now)
        .then();
  }

  /**
   * Puts claimed messages back without counting an attempt (their rate bucket was full), each to
   * its own time, with one statement.
   */
  Mono<Void> postponeAll(List<Long> ids, List<Instant> next) {
    if (ids.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(
            "UPDATE outbox_message m SET status = 'PENDING', next_attempt_at = s.next"
                + " FROM unnest(CAST(:ids AS bigint[]), CAST(:next AS timestamptz[])) AS s(id, next)"
                + " WHERE m.id = any(CAST(:ids AS bigint[])) AND m.id = s.id")
        .bind("ids", ids.toArray(Long[]::new))
        .bind(
            "next",
            next.stream()
                .map(t -> t.atOffset(java.time.ZoneOffset.UTC))
                .toArray(java.time.OffsetDateTime[]::new))
        .then();
  }

  Mono<Void> retryLater(long id, int attempts, Instant next, String error) {
    return db.sql(
            "UPDATE outbox_message SET status = 'PENDING', attempts = :attempts,"
                + " next_attempt_at = :next, last_error = :error WHERE id = :id")
        .bind("attempts", attempts)
        .bind("next", next)
        .bind("error", error)
        .bind("id", id)
        .then();
  }

  /**
   * Counts one more bounce of a message only the holder of its bot's long connection can send, or
   * starts the count again when a holder is connected ({@code live}); emits the count.
   */
  Mono<Integer> bounceElsewhere(long id, boolean live) {
    return db.sql(
            "UPDATE outbox_message SET elsewhere_bounces = CASE WHEN :live THEN 0"
                + " ELSE elsewhere_bounces + 1 END WHERE id = :id RETURNING elsewhere_bounces")
        .bind("live", live)
        .bind("id", id)
        .map(row -> row.get("elsewhere_bounces", Integer.class))
        .one()
        .defaultIfEmpty(0);
  }

  /**
   * Makes the pending messages of {@code botId} that bounced for want of a connection holder due at
   * {@code now} (its connection just opened); emits how many.
   */
  Mono<Long> wakeElsewhere(Platform platform, String botId, Instant now) {
    return db.sql(
            "UPDATE outbox_message SET next_attempt_at = :now, elsewhere_bounces = 0"
                + " WHERE status = 'PENDING' AND platform = :platform AND bot_id = :bot"
                + " AND elsewhere_bounces > 0 AND next_attempt_at > :now")
        .bind("now", now)
        .bind("platform", platform.name())
        .bind("bot", botId)
        .fetch()
        .rowsUpdated();
  }

  Mono<Void> markDead(long id, int attempts, String error) {
    return db.sql(
            "UPDATE outbox_message SET status = 'DEAD', attempts = :attempts, last_error = :error"
                + " WHERE id = :id")
        .bind("attempts", attempts)
        .bind("error", error)
        .bind("id", id)
        .then();
  }

  /**
   * A DEAD message becomes PENDING again with a fresh attempt budget; empty if not DEAD. Notifies
   * every instance's dispatcher at commit, as a queued message does (V19's trigger covers inserts
   * only).
   */
  Mono<OutboxMessage> redrive(long id, Instant now) {
    return db.sql(
            "WITH redriven AS (UPDATE outbox_message SET status = 'PENDING', attempts = 0,"
                + " next_attempt_at = :now WHERE id = :id AND status = 'DEAD' RETURNING "
                + COLUMNS
                + ") SELECT redriven.* FROM redriven,"
                + " LATERAL (SELECT pg_notify('"
                + OutboxListener.CHANNEL
                + "', '')) notified")
        .bind("now", now)
        .bind("id", id)
        .map(this::read)
        .one();
  }

  Mono<OutboxMessage> find(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE id = :id")
        .bind("id", id)
        .map(this::read)
        .one();
  }

  /** The messages queued under {@code keys}, in id order. */
  Flux<OutboxMessage> byKeys(java.util.Collection<String> keys) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM outbox_message WHERE dedupe_key = any(:keys) ORDER BY id")
        .bind("keys", keys.toArray(String[]::new))
        .map(this::read)
        .all();
  }

  /** Messages in any of {@code statuses} (all when empty), newest first. */
  Flux<OutboxMessage> list(java.util.Collection<OutboxStatus> statuses, int limit) {
    String where = statuses.isEmpty() ? "" : " WHERE status = any(:statuses)";
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM outbox_message"
                    + where
                    + " ORDER BY id DESC LIMIT :limit")
            .bind("limit", limit);
    if (!statuses.isEmpty()) {
      spec = spec.bind("statuses", statuses.stream().map(Enum::name).toArray(String[]::new));
    }
    return spec.map(this::read).all();
  }

  /** The latest messages of a bot to any of the targets, or through its webhook; newest first. */
  Flux<OutboxMessage> latestTo(
      Platform platform, String botId, java.util.Collection<String> targets, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM outbox_message WHERE platform = :platform AND bot_id = :bot"
                + " AND (target = any(:targets) OR channel = 'WEBHOOK')"
                + " ORDER BY id DESC LIMIT :limit")
        .bind("platform", platform.name())
        .bind("bot", botId)
        .bind("targets", targets.toArray(String[]::new))
        .bind("limit", limit)
        .map(this::read)
        .all();
  }

  private OutboxMessage read(Readable row) {
    Destination d =
        new Destination(
            Platform.valueOf(row.get("platform", String.class)),
            row.get("bot_id", String.class),
            Destination.Channel.valueOf(row.get("channel", String.class)),
            row.get("target", String.class));
    return new OutboxMessage(
        row.get("id", Long.class),
        row.get("dedupe_key", String.class),
        d,
        row.get("rate_key", String.class),
        readPayload(row.get("payload", String.class)),
        OutboxStatus.valueOf(row.get("status", String.class)),
        row.get("attempts", Integer.class),
        row.get("next_attempt_at", Instant.class),
        row.get("last_error", String.class),
        row.get("created_at", Instant.class),
        row.get("sent_at", Instant.class));
  }

  private String writePayload(OutboundMessage m) {
    ObjectNode node =
        json.createObjectNode()
            .put("format", m.format().name())
            .put("title", m.title())
            .put("text", m.text());
    ArrayNode mentions = node.putArray("mentions");
    m.mentions().forEach(mentions::add);
    if (m.button() != null) {
      node.putObject("button")
          .put("label", m.button().label())
          .put("action", m.button().action())
          .put("cardId", m.button().cardId());
    }
    return json.writeValueAsString(node);
  }

  private OutboundMessage readPayload(String payload) {
    JsonNode node = json.readTree(payload);
    List<String> mentions = node.path("mentions").valueStream().map(JsonNode::asString).toList();
    JsonNode b = node.path("button");
    OutboundMessage.Button button =
        b.isObject()
            ? new OutboundMessage.Button(
                b.path("label").asString(""),
                b.path("action").asString(""),
                b.path("cardId").asString(""))
            : null;
    return new OutboundMessage(
        OutboundMessage.Format.valueOf(node.path("format").asString()),
        node.path("title").asString(""),
        node.path("text").asString(""),
        mentions,
        button);
  }
}
