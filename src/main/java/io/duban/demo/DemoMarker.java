package io.duban.demo;

import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The mark that the demo is in this database ({@code demo_load}): claimed before loading, so two
 * instances starting together load it once, and kept, so a restart does not load it again.
 */
@Component
class DemoMarker {

  static final String NAME = "demo-2024";

  private final DatabaseClient db;
  private final Clock clock;

  DemoMarker(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** True when this call took the mark, false when the demo was loaded (or is loading) already. */
  Mono<Boolean> claim() {
    return db.sql(
            "insert into demo_load (name, claimed_at) values (:name, :at) on conflict do nothing")
        .bind("name", NAME)
        .bind("at", clock.instant())
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  Mono<Void> done(int reports) {
    return db.sql("update demo_load set loaded_at = :at, reports = :n where name = :name")
        .bind("at", clock.instant())
        .bind("n", reports)
        .bind("name", NAME)
        .then();
  }

  /** Gives the mark back after a failed load, so the next start tries again. */
  Mono<Void> release() {
    return db.sql("delete from demo_load where name = :name").bind("name", NAME).then();
  }
}
