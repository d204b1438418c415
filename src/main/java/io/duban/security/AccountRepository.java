package io.duban.security;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code account} and {@code account_identity} tables. */
@Repository
class AccountRepository {

  private static final String COLUMNS =
      "a.id, a.login, a.display_name, a.unit_code, a.roles, a.password_hash, a.disabled_at,"
          + " a.created_at, a.created_by";

  /** An account with its password hash, which stays in this package. */
  record Stored(Account account, String passwordHash) {}

  private final DatabaseClient db;

  AccountRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Long> insert(
      String login,
      String displayName,
      String unitCode,
      String roles,
      String passwordHash,
      Instant at,
      String by) {
    return db.sql(
            "INSERT INTO account (login, display_name, unit_code, roles, password_hash,"
                + " created_at, created_by) VALUES (:login, :name, :unit, :roles, :hash, :at, :by)"
                + " RETURNING id")
        .bind("login", login)
        .bind("name", displayName)
        .bind("unit", orNull(unitCode, String.class))
        .bind("roles", roles)
        .bind("hash", orNull(passwordHash, String.class))
        .bind("at", at)
        .bind("by", by)
        .map(row -> row.get("id", Long.class))
        .one();
  }

  Mono<Stored> byId(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM account a WHERE a.id = :id")
        .bind("id", id)
        .map(AccountRepository::stored)
        .one();
  }

  Mono<Stored> byLogin(String login) {
    return db.sql("SELECT " + COLUMNS + " FROM account a WHERE a.login = :login")
        .bind("login", login)
        .map(AccountRepository::stored)
        .one();
  }

  Flux<Account> all() {
    return db.sql("SELECT " + COLUMNS + " FROM account a ORDER BY a.login")
        .map(row -> stored(row).account())
        .all();
  }

  Mono<Long> count() {
    return db.sql("SELECT count(*) AS n FROM account").map(row -> row.get("n", Long.class)).one();
  }

  Mono<Stored> byIdentity(String platform, String corpId, String userId) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM account_identity i JOIN account a ON a.id = i.account_id"
                + " WHERE i.platform = :platform AND i.corp_id = :corp AND i.user_id = :user")
        .bind("platform", platform)
        .bind("corp", corpId)
        .bind("user", userId)
        .map(AccountRepository::stored)
        .one();
  }

  /** Sets one column of the account; answers the number of rows changed (0: no such account). */
  Mono<Long> setRoles(long id, String roles) {
    return update("UPDATE account SET roles = :v WHERE id = :id", id, roles);
  }

  Mono<Long> setUnit(long id, String unitCode) {
    return update("UPDATE account SET unit_code = :v WHERE id = :id", id, unitCode);
  }

  Mono<Long> setDisplayName(long id, String name) {
    return update("UPDATE account SET display_name = :v WHERE id = :id", id, name);
  }

  Mono<Long> setPasswordHash(long id, String hash) {
    return update("UPDATE account SET password_hash = :v WHERE id = :id", id, hash);
  }

  Mono<Long> setDisabledAt(long id, Instant at) {
    return db.sql("UPDATE account SET disabled_at = :v WHERE id = :id")
        .bind("id", id)
        .bind("v", orNull(at, Instant.class))
        .fetch()
        .rowsUpdated();
  }

  Flux<ChatIdentity> identities(long accountId) {
    return db.sql(
            "SELECT platform, corp_id, user_id FROM account_identity WHERE account_id = :id"
                + " ORDER BY platform, corp_id, user_id")
        .bind("id", accountId)
        .map(
            row ->
                new ChatIdentity(
                    row.get("platform", String.class),
                    row.get("corp_id", String.class),
                    row.get("user_id", String.class)))
        .all();
  }

  Mono<Long> bind(long accountId, ChatIdentity identity, Instant at) {
    return db.sql(
            "INSERT INTO account_identity (account_id, platform, corp_id, user_id, created_at)"
                + " VALUES (:id, :platform, :corp, :user, :at)")
        .bind("id", accountId)
        .bind("platform", identity.platform())
        .bind("corp", identity.corpId())
        .bind("user", identity.userId())
        .bind("at", at)
        .fetch()
        .rowsUpdated();
  }

  Mono<Long> unbind(long accountId, ChatIdentity identity) {
    return db.sql(
            "DELETE FROM account_identity WHERE account_id = :id AND platform = :platform"
                + " AND corp_id = :corp AND user_id = :user")
        .bind("id", accountId)
        .bind("platform", identity.platform())
        .bind("corp", identity.corpId())
        .bind("user", identity.userId())
        .fetch()
        .rowsUpdated();
  }

  private Mono<Long> update(String sql, long id, String value) {
    return db.sql(sql).bind("id", id).bind("v", orNull(value, String.class)).fetch().rowsUpdated();
  }

  private static Stored stored(Readable row) {
    String hash = row.get("password_hash", String.class);
    return new Stored(
        new Account(
            row.get("id", Long.class),
            row.get("login", String.class),
            row.get("display_name", String.class),
            row.get("unit_code", String.class),
            Role.parse(row.get("roles", String.class)),
            hash != null,
            row.get("disabled_at", Instant.class),
            row.get("created_at", Instant.class),
            row.get("created_by", String.class)),
        hash);
  }

  /** The value, or a null of its column's type (a bare null cannot be bound). */
  private static Object orNull(Object value, Class<?> type) {
    return value == null ? Parameters.in(type) : value;
  }
}
