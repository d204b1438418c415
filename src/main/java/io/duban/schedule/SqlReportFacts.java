package io.duban.schedule;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * {@link ReportFacts} by plain SQL over {@code progress_report} (item_code, unit_code, contact_id,
 * status, percent, text, period, created_at, retracted). Replace with the report feature's service
 * once it is on main.
 */
class SqlReportFacts implements ReportFacts {

  private final DatabaseClient db;

  SqlReportFacts(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Flux<Report> latestPerItem(Instant before) {
    return db.sql(
            "SELECT DISTINCT ON (item_code) item_code, unit_code, status, percent, text, period,"
                + " created_at FROM progress_report"
                + " WHERE NOT retracted AND created_at < :before"
                + " ORDER BY item_code, created_at DESC")
        .bind("before", before)
        .map(SqlReportFacts::read)
        .all();
  }

  @Override
  public Flux<Report> inPeriod(String period) {
    return db.sql(
            "SELECT item_code, unit_code, status, percent, text, period, created_at"
                + " FROM progress_report WHERE NOT retracted AND period = :period"
                + " ORDER BY created_at")
        .bind("period", period)
        .map(SqlReportFacts::read)
        .all();
  }

  private static Report read(Readable row) {
    return new Report(
        row.get("item_code", String.class),
        row.get("unit_code", String.class),
        row.get("status", String.class),
        row.get("percent", Integer.class),
        row.get("text", String.class),
        row.get("period", String.class),
        row.get("created_at", Instant.class));
  }
}
