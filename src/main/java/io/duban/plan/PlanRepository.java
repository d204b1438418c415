package io.duban.plan;

import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores plans and their items. */
@Repository
class PlanRepository {

  private static final String ITEM_COLUMNS =
      "i.id, p.year, i.code, i.parent_code, i.title, i.body, i.leaf, i.position, i.source,"
          + " i.source_ref, i.source_text, i.filed_by, i.filed_at";

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
                + " and i.withdrawn_at is null order by i.position")
        .bind("year", year)
        .map(r -> item(r))
        .all();
  }

  /** The not withdrawn items of any year with these ids, newest plan first, in document order. */
  Flux<PlanItem> itemsById(Long[] ids) {
    return db.sql(
            "select "
                + ITEM_COLUMNS
                + " from plan_item i join plan p on p.id = i.plan_id where i.id = any(:ids)"
                + " and i.withdrawn_at is null order by p.year desc, i.position")
        .bind("ids", ids)
        .map(r -> item(r))
        .all();
  }

  /** The stored, not withdrawn items an imported document gave (no 督办事项), in document order. */
  Flux<PlanItem> documentItems(int year) {
    return items(year).filter(i -> !i.task());
  }

  /**
   * The highest number of a task code {@code J<year>-NNN} of any plan, 0 for none; taken under a
   * transaction-scoped advisory lock, so two filings at once cannot pick the same code.
   */
  Mono<Integer> lastTaskNumber(int year) {
    return db.sql("select pg_advisory_xact_lock(hashtext('duban-task-code'))")
        .then()
        .then(
            db.sql(
                    "select coalesce(max(substring(code from 7)::integer), 0) as n from plan_item"
                        + " where code like :prefix")
                .bind("prefix", "J" + year + "-%")
                .map(row -> row.get("n", Integer.class))
                .one());
  }

  /** Inserts a 督办事项 as a leaf at the end of the plan and answers its id. */
  Mono<Long> insertTask(long planId, String code, String title, String body, ItemSource source) {
    var spec =
        db.sql(
                "insert into plan_item (plan_id, code, parent_code, title, body, leaf, position,"
                    + " source, source_ref, source_text, filed_by, filed_at)"
                    + " values (:plan, :code, null, :title, :body, true, 1000000 + :number,"
                    + " :source, :ref, :text, :by, :at) returning id")
            .bind("plan", planId)
            .bind("code", code)
            .bind("title", title)
            .bind("body", body)
            .bind("number", Integer.parseInt(code.substring(6)))
            .bind("source", source.kind().name())
            .bind("at", source.filedAt().atOffset(java.time.ZoneOffset.UTC));
    spec =
        source.ref() == null ? spec.bindNull("ref", String.class) : spec.bind("ref", source.ref());
    spec =
        source.text() == null
            ? spec.bindNull("text", String.class)
            : spec.bind("text", source.text());
    spec =
        source.filedBy() == null
            ? spec.bindNull("by", String.class)
            : spec.bind("by", source.filedBy());
    return spec.map(row -> row.get("id", Long.class)).one();
  }

  /** Stores a plan of {@code year} holding no document yet, for 督办事项 filed before any import. */
  Mono<Long> insertEmptyPlan(int year) {
    return db.sql("insert into plan (year, title, source) values (:year, :title, '') returning id")
        .bind("year", year)
        .bind("title", year + "年督办事项")
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** One item by id, with its plan's year. */
  Mono<PlanItem> item(long id) {
    return db.sql(
            "select "
                + ITEM_COLUMNS
                + " from plan_item i join plan p on p.id = i.plan_id where i.id = :id")
        .bind("id", id)
        .map(r -> item(r))
        .one();
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

  Mono<Long> planId(int year) {
    return db.sql("select id from plan where year = :year")
        .bind("year", year)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  /** Gives items the unique placeholder code 0.&lt;id&gt;, so that codes can be swapped freely. */
  Mono<Void> park(List<Long> ids) {
    return db.sql("update plan_item set code = '0.' || id where id = any(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .then();
  }

  /** Rewrites a kept item in place with what the revised document says of it. */
  Mono<Void> updateItem(long id, ParsedPlan.Item item, boolean leaf, int position) {
    var spec =
        db.sql(
                "update plan_item set code = :code, parent_code = :parent, title = :title,"
                    + " body = :body, leaf = :leaf, position = :position where id = :id")
            .bind("id", id)
            .bind("code", item.code())
            .bind("title", item.title())
            .bind("body", item.body())
            .bind("leaf", leaf)
            .bind("position", position);
    spec =
        item.parentCode() == null
            ? spec.bindNull("parent", String.class)
            : spec.bind("parent", item.parentCode());
    return spec.then();
  }

  /** Withdraws a parked item: it keeps its row, remembers its code and leaves the current plan. */
  Mono<Void> withdraw(long id, String oldCode) {
    return db.sql(
            "update plan_item set withdrawn_at = now(), withdrawn_code = :old, parent_code = null"
                + " where id = :id")
        .bind("id", id)
        .bind("old", oldCode)
        .then();
  }

  Mono<Void> revisePlan(long planId, String title, String source) {
    return db.sql(
            "update plan set title = :title, source = :source, revised_at = now(),"
                + " revisions = revisions + 1 where id = :id")
        .bind("id", planId)
        .bind("title", title)
        .bind("source", source == null ? "" : source)
        .then();
  }

  /** Keeps a document for a later confirm; drafts older than a day go at the same time. */
  Mono<Void> saveDraft(UUID id, byte[] document, String filename) {
    return db.sql("delete from plan_draft where created_at < now() - interval '1 day'")
        .then()
        .then(
            db.sql(
                    "insert into plan_draft (id, document, filename, created_at)"
                        + " values (:id, :document, :filename, now())")
                .bind("id", id)
                .bind("document", ByteBuffer.wrap(document))
                .bind("filename", filename)
                .then());
  }

  Mono<PlanService.Draft> draft(UUID id) {
    return db.sql("select document, filename from plan_draft where id = :id")
        .bind("id", id)
        .map(
            row -> {
              ByteBuffer buffer = row.get("document", ByteBuffer.class);
              byte[] bytes = new byte[buffer.remaining()];
              buffer.get(bytes);
              return new PlanService.Draft(id, bytes, row.get("filename", String.class));
            })
        .one();
  }

  Mono<Void> dropDraft(UUID id) {
    return db.sql("delete from plan_draft where id = :id").bind("id", id).then();
  }

  Mono<Long> countItems() {
    return db.sql("select count(*) as n from plan_item").map(row -> row.get("n", Long.class)).one();
  }

  private static PlanItem item(Readable row) {
    String kind = row.get("source", String.class);
    java.time.OffsetDateTime filedAt = row.get("filed_at", java.time.OffsetDateTime.class);
    ItemSource source =
        kind == null
            ? ItemSource.PLAN
            : new ItemSource(
                TaskSource.valueOf(kind),
                row.get("source_ref", String.class),
                row.get("source_text", String.class),
                row.get("filed_by", String.class),
                filedAt == null ? null : filedAt.toInstant());
    return new PlanItem(
        row.get("id", Long.class),
        row.get("year", Integer.class),
        row.get("code", String.class),
        row.get("parent_code", String.class),
        row.get("title", String.class),
        row.get("body", String.class),
        row.get("leaf", Boolean.class),
        row.get("position", Integer.class),
        List.of(),
        source);
  }
}
