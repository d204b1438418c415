package io.duban.security;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code api_token} table. */
@Repository
class ApiTokenRepository {

  private static final String COLUMNS =
      "t.id, t.account_id, t.name, t.created_at, t.last_used_at, t.revoked_at";

  private final DatabaseClient db;

  ApiTokenRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<ApiToken> insert(long accountId, String name, String hash, Instant at) {
    return db.sql(
            "INSERT INTO api_token (account_id, name, secret_hash, created_at)"
                + " VALUES (:account, :name, :hash, :at)"
                + " RETURNING id, account_id, name, created_at, last_used_at, revoked_at")
        .bind("account", accountId)
        .bind("name", name)
        .bind("hash", hash)
        .bind("at", at)
        .map(ApiTokenRepository::token)
        .one();
  }

  Flux<ApiToken> of(long accountId) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM api_token t WHERE t.account_id = :account ORDER BY t.id")
        .bind("account", accountId)
        .map(ApiTokenRepository::token)
        .all();
  }

  Mono<Long> revoke(long accountId, long id, Instant at) {
    return db.sql(
            "UPDATE api_token SET revoked_at = :at"
                + " WHERE id = :id AND account_id = :account AND revoked_at IS NULL")
        .bind("at", at)
        .bind("id", id)
        .bind("account", accountId)
        .fetch()
        .rowsUpdated();
  }

  /** The live token with this hash and its account's id, when the account is not disabled. */
  Mono<Live> live(String hash) {
    return db.sql(
            "SELECT t.id, t.account_id FROM api_token t JOIN account a ON a.id = t.account_id"
                + " WHERE t.secret_hash = :hash AND t.revoked_at IS NULL"
                + " AND a.disabled_at IS NULL")
        .bind("hash", hash)
        .map(row -> new Live(row.get("id", Long.class), row.get("account_id", Long.class)))
        .one();
  }

  Mono<Long> touch(long id, Instant at) {
    return db.sql("UPDATE api_token SET last_used_at = :at WHERE id = :id")
        .bind("at", at)
        .bind("id", id)
        .fetch()
        .rowsUpdated();
  }

  record Live(long tokenId, long accountId) {}

  private static ApiToken token(Readable row) {
    return new ApiToken(
        row.get("id", Long.class),
        row.get("account_id", Long.class),
        row.get("name", String.class),
        row.get("created_at", Instant.class),
        row.get("last_used_at", Instant.class),
        row.get("revoked_at", Instant.class));
  }
}
