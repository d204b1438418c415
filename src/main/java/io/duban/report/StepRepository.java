package io.duban.report;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores the steps of items' handling ({@code item_step}). */
@Repository
class StepRepository {

  private final DatabaseClient db;
  private final PlanService plans;

  StepRepository(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
  }

  Mono<Void> insert(long itemId, ItemStep step) {
    var spec =
        db.sql(
                "insert into item_step (item_id, kind, unit_code, actor, via, note, due_before,"
                    + " due_after, at) values (:item, :kind, :unit, :actor, :via, :note, :before,"
                    + " :after, :at)")
            .bind("item", itemId)
            .bind("kind", step.kind().name())
            .bind("actor", step.actor())
            .bind("via", step.via().name())
            .bind("note", step.note() == null ? "" : step.note())
            .bind("at", step.at().atOffset(ZoneOffset.UTC));
    spec =
        step.unitCode() == null
            ? spec.bindNull("unit", String.class)
            : spec.bind("unit", step.unitCode());
    spec =
        step.dueBefore() == null
            ? spec.bindNull("before", LocalDate.class)
            : spec.bind("before", step.dueBefore());
    spec =
        step.dueAfter() == null
            ? spec.bindNull("after", LocalDate.class)
            : spec.bind("after", step.dueAfter());
    return spec.then();
  }

  /** The steps of the current plan's items, oldest first. */
  Flux<ItemStep> all() {
    return plans
        .items()
        .collectMap(PlanItem::id, PlanItem::code)
        .flatMapMany(
            codes ->
                db.sql(
                        "select item_id, kind, unit_code, actor, via, note, due_before, due_after,"
                            + " at from item_step where item_id = any(:ids) order by at, id")
                    .bind("ids", codes.keySet().toArray(Long[]::new))
                    .map(r -> step(r, codes))
                    .all());
  }

  /** The item's steps, oldest first. */
  Flux<ItemStep> of(long itemId, String code) {
    return db.sql(
            "select item_id, kind, unit_code, actor, via, note, due_before, due_after, at"
                + " from item_step where item_id = :item order by at, id")
        .bind("item", itemId)
        .map(r -> step(r, Map.of(itemId, code)))
        .all();
  }

  private static ItemStep step(Readable r, Map<Long, String> codes) {
    return new ItemStep(
        codes.get(r.get("item_id", Long.class)),
        StepKind.valueOf(r.get("kind", String.class)),
        r.get("unit_code", String.class),
        r.get("actor", String.class),
        ClosingChannel.valueOf(r.get("via", String.class)),
        r.get("note", String.class),
        r.get("due_before", LocalDate.class),
        r.get("due_after", LocalDate.class),
        r.get("at", OffsetDateTime.class).toInstant());
  }
}
