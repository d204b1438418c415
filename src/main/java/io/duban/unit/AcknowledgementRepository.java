package io.duban.unit;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores who owes which item a 签收 ({@code item_acknowledgement}). */
@Repository
class AcknowledgementRepository {

  private final DatabaseClient db;
  private final PlanService plans;

  AcknowledgementRepository(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
  }

  /**
   * Owes the item's lead unit a 签收 from {@code at}, unless that unit already owes or gave one; a
   * new lead unit owes a new one. Answers true when the item is newly assigned.
   */
  Mono<Boolean> assign(long itemId, String unitCode, Instant at) {
    return db.sql(
            "insert into item_acknowledgement (item_id, unit_code, assigned_at)"
                + " values (:item, :unit, :at) on conflict (item_id) do update"
                + " set unit_code = excluded.unit_code, assigned_at = excluded.assigned_at,"
                + " acknowledged_at = null, acknowledged_by = null"
                + " where item_acknowledgement.unit_code <> excluded.unit_code")
        .bind("item", itemId)
        .bind("unit", unitCode)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /** Records the unit's 签收; 0 when the item is not owed one by that unit or was acknowledged. */
  Mono<Long> acknowledge(long itemId, String unitCode, String by, Instant at) {
    return db.sql(
            "update item_acknowledgement set acknowledged_at = :at, acknowledged_by = :by"
                + " where item_id = :item and unit_code = :unit and acknowledged_at is null")
        .bind("item", itemId)
        .bind("unit", unitCode)
        .bind("by", by)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .fetch()
        .rowsUpdated();
  }

  /** When each item {@code unitCode} still owes a 签收 of (of any year's plan) was assigned. */
  Mono<java.util.Map<Long, Instant>> owedBy(String unitCode) {
    return db.sql(
            "select item_id, assigned_at from item_acknowledgement"
                + " where unit_code = :unit and acknowledged_at is null")
        .bind("unit", unitCode)
        .map(
            r ->
                java.util.Map.entry(
                    r.get("item_id", Long.class),
                    r.get("assigned_at", OffsetDateTime.class).toInstant()))
        .all()
        .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
  }

  /** The acknowledgements owed or given on the current plan's items, in item order. */
  Flux<Acknowledgement> all() {
    return plans
        .items()
        .collectList()
        .flatMapMany(
            items -> {
              var codes =
                  items.stream()
                      .collect(java.util.stream.Collectors.toMap(PlanItem::id, PlanItem::code));
              return db.sql(
                      "select item_id, unit_code, assigned_at, acknowledged_at, acknowledged_by"
                          + " from item_acknowledgement where item_id = any(:ids) order by item_id")
                  .bind("ids", codes.keySet().toArray(Long[]::new))
                  .map(
                      r ->
                          new Acknowledgement(
                              codes.get(r.get("item_id", Long.class)),
                              r.get("unit_code", String.class),
                              r.get("assigned_at", OffsetDateTime.class).toInstant(),
                              instant(r.get("acknowledged_at", OffsetDateTime.class)),
                              r.get("acknowledged_by", String.class)))
                  .all();
            });
  }

  /** The item's 签收 by item id (also for an item filed in the current, uncommitted transaction). */
  Mono<Acknowledgement> of(long itemId, String code) {
    return db.sql(
            "select unit_code, assigned_at, acknowledged_at, acknowledged_by"
                + " from item_acknowledgement where item_id = :item")
        .bind("item", itemId)
        .map(
            r ->
                new Acknowledgement(
                    code,
                    r.get("unit_code", String.class),
                    r.get("assigned_at", OffsetDateTime.class).toInstant(),
                    instant(r.get("acknowledged_at", OffsetDateTime.class)),
                    r.get("acknowledged_by", String.class)))
        .one();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
