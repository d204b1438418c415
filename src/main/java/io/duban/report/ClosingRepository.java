package io.duban.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores which items are closed and the audit trail of closing and reopening. */
@Repository
class ClosingRepository {

  private static final String CURRENT_ITEM =
      "select i.id from plan_item i join plan p on p.id = i.plan_id"
          + " where p.year = (select max(year) from plan) and i.code = :code";
  private static final String CURRENT_CODES =
      "select i.id, i.code from plan_item i join plan p on p.id = i.plan_id"
          + " where p.year = (select max(year) from plan)";

  private final DatabaseClient db;

  ClosingRepository(DatabaseClient db) {
    this.db = db;
  }

  Flux<ClosingRecord> closed() {
    return db.sql(
            "select c.code, k.closed_by, k.note, k.closed_at from item_closing k join ("
                + CURRENT_CODES
                + ") c on c.id = k.item_id order by c.id")
        .map(
            r ->
                new ClosingRecord(
                    r.get("code", String.class),
                    ClosingAction.CLOSE,
                    r.get("closed_by", String.class),
                    null,
                    r.get("note", String.class),
                    r.get("closed_at", OffsetDateTime.class).toInstant()))
        .all();
  }

  /** Inserts the closing; 0 when the item was already closed. */
  Mono<Long> close(String code, String actor, String note, Instant at) {
    return db.sql(
            "insert into item_closing (item_id, closed_at, closed_by, note)"
                + " select id, :at, :actor, :note from ("
                + CURRENT_ITEM
                + ") i on conflict (item_id) do nothing")
        .bind("code", code)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .bind("actor", actor)
        .bind("note", note)
        .fetch()
        .rowsUpdated();
  }

  /** Deletes the closing; 0 when the item was not closed. */
  Mono<Long> reopen(String code) {
    return db.sql("delete from item_closing where item_id in (" + CURRENT_ITEM + ")")
        .bind("code", code)
        .fetch()
        .rowsUpdated();
  }

  Mono<Void> audit(ClosingRecord step) {
    return db.sql(
            "insert into item_closing_audit (item_id, action, actor, via, note, at)"
                + " select id, :action, :actor, :via, :note, :at from ("
                + CURRENT_ITEM
                + ") i")
        .bind("code", step.itemCode())
        .bind("action", step.action().name())
        .bind("actor", step.actor())
        .bind("via", step.via().name())
        .bind("note", step.note())
        .bind("at", step.at().atOffset(ZoneOffset.UTC))
        .then();
  }

  Flux<ClosingRecord> history(String code) {
    return db.sql(
            "select a.action, a.actor, a.via, a.note, a.at from item_closing_audit a"
                + " where a.item_id in ("
                + CURRENT_ITEM
                + ") order by a.at, a.id")
        .bind("code", code)
        .map(
            r ->
                new ClosingRecord(
                    code,
                    ClosingAction.valueOf(r.get("action", String.class)),
                    r.get("actor", String.class),
                    ClosingChannel.valueOf(r.get("via", String.class)),
                    r.get("note", String.class),
                    r.get("at", OffsetDateTime.class).toInstant()))
        .all();
  }
}
