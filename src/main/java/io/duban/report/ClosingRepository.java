package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
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

  private final DatabaseClient db;
  private final PlanService plans;

  ClosingRepository(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
  }

  /** The closings of the current plan's items, in item id order. */
  Flux<ClosingRecord> closed() {
    return plans
        .items()
        .collectMap(PlanItem::id, PlanItem::code)
        .flatMapMany(
            codes ->
                db.sql(
                        "select item_id, closed_by, note, closed_at from item_closing"
                            + " where item_id = any(:ids) order by item_id")
                    .bind("ids", codes.keySet().toArray(Long[]::new))
                    .map(
                        r ->
                            new ClosingRecord(
                                codes.get(r.get("item_id", Long.class)),
                                ClosingAction.CLOSE,
                                r.get("closed_by", String.class),
                                null,
                                r.get("note", String.class),
                                r.get("closed_at", OffsetDateTime.class).toInstant()))
                    .all());
  }

  /** The id of the current plan's item with this code, or empty. */
  private Mono<Long> itemId(String code) {
    return plans.findItem(code).map(PlanItem::id);
  }

  /** Inserts the closing; 0 when the item was already closed. */
  Mono<Long> close(String code, String actor, String note, Instant at) {
    return itemId(code)
        .flatMap(
            id ->
                db.sql(
                        "insert into item_closing (item_id, closed_at, closed_by, note)"
                            + " values (:id, :at, :actor, :note) on conflict (item_id) do nothing")
                    .bind("id", id)
                    .bind("at", at.atOffset(ZoneOffset.UTC))
                    .bind("actor", actor)
                    .bind("note", note)
                    .fetch()
                    .rowsUpdated())
        .defaultIfEmpty(0L);
  }

  /** Deletes the closing; 0 when the item was not closed. */
  Mono<Long> reopen(String code) {
    return itemId(code)
        .flatMap(
            id ->
                db.sql("delete from item_closing where item_id = :id")
                    .bind("id", id)
                    .fetch()
                    .rowsUpdated())
        .defaultIfEmpty(0L);
  }

  Mono<Void> audit(ClosingRecord step) {
    return itemId(step.itemCode())
        .flatMap(
            id ->
                db.sql(
                        "insert into item_closing_audit (item_id, action, actor, via, note, at)"
                            + " values (:id, :action, :actor, :via, :note, :at)")
                    .bind("id", id)
                    .bind("action", step.action().name())
                    .bind("actor", step.actor())
                    .bind("via", step.via().name())
                    .bind("note", step.note())
                    .bind("at", step.at().atOffset(ZoneOffset.UTC))
                    .then());
  }

  Flux<ClosingRecord> history(String code) {
    return itemId(code)
        .flatMapMany(
            id ->
                db.sql(
                        "select action, actor, via, note, at from item_closing_audit"
                            + " where item_id = :id order by at, id")
                    .bind("id", id)
                    .map(
                        r ->
                            new ClosingRecord(
                                code,
                                ClosingAction.valueOf(r.get("action", String.class)),
                                r.get("actor", String.class),
                                ClosingChannel.valueOf(r.get("via", String.class)),
                                r.get("note", String.class),
                                r.get("at", OffsetDateTime.class).toInstant()))
                    .all());
  }
}
