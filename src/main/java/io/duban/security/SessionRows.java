package io.duban.security;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Ends sessions by account (the {@code web_session} table, written by the session store). */
@Repository
class SessionRows {

  private final DatabaseClient db;

  SessionRows(DatabaseClient db) {
    this.db = db;
  }

  /** Signs the account out everywhere: its disabled flag or roles changed. */
  Mono<Long> endAll(long accountId) {
    return db.sql("DELETE FROM web_session WHERE account_id = :id")
        .bind("id", accountId)
        .fetch()
        .rowsUpdated();
  }
}
