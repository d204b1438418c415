package io.duban.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads {@code progress_report} directly until the report feature offers the same queries. */
@Repository
class SqlProgressFacts implements ProgressFacts {

  private final DatabaseClient db;

  SqlProgressFacts(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Flux<ReportFact> reports() {
    return db.sql(
            "select r.id, r.item_code, r.unit_code, c.name as reporter, r.status, r.percent,"
                + " r.text, r.period, r.created_at, r.late from progress_report r"
                + " left join contact c on c.id = r.contact_id"
                + " where not r.retracted order by r.created_at, r.id")
        .map(
            r ->
                new ReportFact(
                    r.get("id", Long.class),
                    r.get("item_code", String.class),
                    r.get("unit_code", String.class),
                    r.get("reporter", String.class),
                    r.get("status", String.class),
                    r.get("percent", Integer.class),
                    r.get("text", String.class),
                    r.get("period", String.class),
                    instant(r.get("created_at", OffsetDateTime.class)),
                    Boolean.TRUE.equals(r.get("late", Boolean.class))))
        .all();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
