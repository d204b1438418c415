package io.duban.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores the aliases of plan items. */
@Repository
class AliasRepository {

  private final DatabaseClient db;

  AliasRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The aliases of a year's items by item id, oldest first. */
  Mono<Map<Long, List<String>>> byItem(int year) {
    return db.sql(
            "select a.item_id, a.alias from plan_item_alias a"
                + " join plan_item i on i.id = a.item_id join plan p on p.id = i.plan_id"
                + " where p.year = :year order by a.id")
        .bind("year", year)
        .map(r -> Map.entry(r.get("item_id", Long.class), r.get("alias", String.class)))
        .all()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
  }

  /** Every alias of the given items, oldest first. */
  Flux<ItemAlias> list(Map<Long, String> codesById) {
    if (codesById.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "select item_id, alias, source, created_by, created_at from plan_item_alias"
                + " where item_id = any(:ids) order by id")
        .bind("ids", codesById.keySet().toArray(Long[]::new))
        .map(
            r ->
                new ItemAlias(
                    codesById.get(r.get("item_id", Long.class)),
                    r.get("alias", String.class),
                    AliasSource.valueOf(r.get("source", String.class)),
                    r.get("created_by", String.class),
                    r.get("created_at", OffsetDateTime.class).toInstant()))
        .all();
  }

  /** Adds an alias; false when the item has it already. */
  Mono<Boolean> insert(
      long itemId, String alias, AliasSource source, String createdBy, Instant at) {
    return db.sql(
            "insert into plan_item_alias (item_id, alias, source, created_by, created_at)"
                + " values (:item, :alias, :source, :by, :at) on conflict (item_id, alias) do nothing")
        .bind("item", itemId)
        .bind("alias", alias)
        .bind("source", source.name())
        .bind("by", createdBy)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  /** Removes an alias; false when the item had none such. */
  Mono<Boolean> delete(long itemId, String alias) {
    return db.sql("delete from plan_item_alias where item_id = :item and alias = :alias")
        .bind("item", itemId)
        .bind("alias", alias)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }
}
