package io.duban.plan;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores plans and their items. */
@Repository
class PlanRepository {

  private static final String ITEM_COLUMNS =
      "i.id, p.year, i.code, i.parent_code, i.title, i.body, i.leaf, i.position";

  private final DatabaseClient db;

  PlanRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Integer> currentYear() {
    return db.sql("select max(year) as year from plan")
        .map(row -> row.get("year", Integer.class))
        .one();
  }

  Mono<Boolean> exists(int year) {
    return db.sql("select count(*) as n from plan where year = :year")
        .bind("year", year)
        .map(row -> row.get("n", Long.class) > 0)
        .one();
  }

  Flux<PlanItem> items(int year) {
    return db.sql(
            "select "
                + ITEM_COLUMNS
                + " from plan_item i join plan p on p.id = i.plan_id where p.year = :year"
                + " order by i.position")
        .bind("year", year)
        .map(r -> item(r))
        .all();
  }

  Mono<Long> insertPlan(ParsedPlan plan) {
    return db.sql(
            "insert into plan (year, title, source) values (:year, :title, :source)"
                + " returning id")
        .bind("year", plan.year())
        .bind("title", plan.title())
        .bind("source", plan.source() == null ? "" : plan.source())
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** Inserts an item and answers its id. */
  Mono<Long> insertItem(long planId, ParsedPlan.Item item, boolean leaf, int position) {
    var spec =
        db.sql(
                "insert into plan_item (plan_id, code, parent_code, title, body, leaf, position)"
                    + " values (:plan, :code, :parent, :title, :body, :leaf, :position)"
                    + " returning id")
            .bind("plan", planId)
            .bind("code", item.code())
            .bind("title", item.title())
            .bind("body", item.body())
            .bind("leaf", leaf)
            .bind("position", position);
    spec =
        item.parentCode() == null
            ? spec.bindNull("parent", String.class)
            : spec.bind("parent", item.parentCode());
    return spec.map(row -> row.get("id", Long.class)).one();
  }

  Mono<Long> countItems() {
    return db.sql("select count(*) as n from plan_item").map(row -> row.get("n", Long.class)).one();
  }

  private static PlanItem item(Readable row) {
    return new PlanItem(
        row.get("id", Long.class),
        row.get("year", Integer.class),
        row.get("code", String.class),
        row.get("parent_code", String.class),
        row.get("title", String.class),
        row.get("body", String.class),
        row.get("leaf", Boolean.class),
        row.get("position", Integer.class));
  }
}
