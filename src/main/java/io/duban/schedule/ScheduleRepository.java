package io.duban.schedule;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code schedule} and {@code schedule_fire} tables. */
@Repository
class ScheduleRepository {

  /** One fire of a schedule and what came of it. */
  record Fire(
      long id,
      long scheduleId,
      Instant plannedAt,
      Instant firedAt,
      String trigger,
      String outcome,
      int messages,
      String detail,
      java.util.List<String> dedupeKeys) {}

  private static final String COLUMNS =
      "id, name, kind, cron, zone, target, enabled, workday_rule, created_at, updated_at";

  private final DatabaseClient db;

  ScheduleRepository(DatabaseClient db) {
    this.db = db;
  }

  Flux<Schedule> all() {
    return db.sql("SELECT " + COLUMNS + " FROM schedule ORDER BY id")
        .map(ScheduleRepository::read)
        .all();
  }

  Mono<Schedule> find(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM schedule WHERE id = :id")
        .bind("id", id)
        .map(ScheduleRepository::read)
        .one();
  }

  Mono<Long> count() {
    return db.sql("SELECT count(*) AS n FROM schedule").map(r -> r.get("n", Long.class)).one();
  }

  /** Inserts; emits the stored schedule, or empty when the name is taken. */
  Mono<Schedule> insert(ScheduleDraft d, Instant now) {
    return db.sql(
            "INSERT INTO schedule (name, kind, cron, zone, target, enabled, workday_rule,"
                + " created_at, updated_at) VALUES (:name, :kind, :cron, :zone, :target, :enabled,"
                + " :rule, :now, :now) ON CONFLICT (name) DO NOTHING RETURNING "
                + COLUMNS)
        .bind("name", d.name())
        .bind("kind", d.kind().name())
        .bind("cron", d.cron())
        .bind("zone", d.zone().getId())
        .bind("target", d.target().text())
        .bind("enabled", d.enabled())
        .bind("rule", d.workdayRule().name())
        .bind("now", now)
        .map(ScheduleRepository::read)
        .one();
  }

  Mono<Schedule> update(long id, ScheduleDraft d, Instant now) {
    return db.sql(
            "UPDATE schedule SET name = :name, kind = :kind, cron = :cron, zone = :zone,"
                + " target = :target, enabled = :enabled, workday_rule = :rule, updated_at = :now"
                + " WHERE id = :id RETURNING "
                + COLUMNS)
        .bind("id", id)
        .bind("name", d.name())
        .bind("kind", d.kind().name())
        .bind("cron", d.cron())
        .bind("zone", d.zone().getId())
        .bind("target", d.target().text())
        .bind("enabled", d.enabled())
        .bind("rule", d.workdayRule().name())
        .bind("now", now)
        .map(ScheduleRepository::read)
        .one();
  }

  Mono<Schedule> setEnabled(long id, boolean enabled, Instant now) {
    return db.sql(
            "UPDATE schedule SET enabled = :enabled, updated_at = :now WHERE id = :id RETURNING "
                + COLUMNS)
        .bind("id", id)
        .bind("enabled", enabled)
        .bind("now", now)
        .map(ScheduleRepository::read)
        .one();
  }

  Mono<Long> delete(long id) {
    return db.sql("DELETE FROM schedule WHERE id = :id").bind("id", id).fetch().rowsUpdated();
  }

  Mono<Void> recordFire(
      long scheduleId, Instant planned, Instant fired, String trigger, FireOutcome outcome) {
    return db.sql(
            "INSERT INTO schedule_fire (schedule_id, planned_at, fired_at, trigger, outcome,"
                + " messages, detail, dedupe_keys) VALUES (:schedule, :planned, :fired, :trigger,"
                + " :outcome, :messages, :detail, :keys)"
                // a fire recovered after its instance died mid-record is recorded once
                + " ON CONFLICT (schedule_id, planned_at) WHERE trigger = 'SCHEDULED' DO NOTHING")
        .bind("schedule", scheduleId)
        .bind("planned", planned)
        .bind("fired", fired)
        .bind("trigger", trigger)
        .bind("outcome", outcome.outcome().name())
        .bind("messages", outcome.messages())
        .bind("detail", outcome.detail())
        .bind("keys", outcome.keys().toArray(String[]::new))
        .then();
  }

  Flux<Fire> fires(long scheduleId, int limit) {
    return db.sql(
            "SELECT id, schedule_id, planned_at, fired_at, trigger, outcome, messages, detail,"
                + " dedupe_keys"
                + " FROM schedule_fire WHERE schedule_id = :id ORDER BY fired_at DESC, id DESC"
                + " LIMIT :limit")
        .bind("id", scheduleId)
        .bind("limit", limit)
        .map(
            r ->
                new Fire(
                    r.get("id", Long.class),
                    r.get("schedule_id", Long.class),
                    r.get("planned_at", Instant.class),
                    r.get("fired_at", Instant.class),
                    r.get("trigger", String.class),
                    r.get("outcome", String.class),
                    r.get("messages", Integer.class),
                    r.get("detail", String.class),
                    java.util.List.of(r.get("dedupe_keys", String[].class))))
        .all();
  }

  private static Schedule read(Readable r) {
    return new Schedule(
        r.get("id", Long.class),
        r.get("name", String.class),
        ScheduleKind.valueOf(r.get("kind", String.class)),
        r.get("cron", String.class),
        ZoneId.of(r.get("zone", String.class)),
        ScheduleTarget.stored(r.get("target", String.class)),
        r.get("enabled", Boolean.class),
        WorkdayRule.valueOf(r.get("workday_rule", String.class)),
        r.get("created_at", Instant.class),
        r.get("updated_at", Instant.class));
  }
}
