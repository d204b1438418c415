package io.duban.security;

import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who changed what, when, through the admin API and pages (schedules, outbox redrives, accounts,
 * sign-ins). The actor is the authenticated caller's audit name: the person ({@code 张三（zhangsan）},
 * see {@link SignedIn}) or a configured service token's name; changes made by the service itself
 * are recorded as {@code system}.
 */
@Component
public class AdminAudit {

  /** One recorded change. */
  public record Entry(
      long id, String actor, String action, String subject, String detail, Instant at) {}

  private final DatabaseClient db;
  private final Clock clock;

  AdminAudit(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records {@code action} on {@code subject} by the current caller. */
  public Mono<Void> record(String action, String subject, String detail) {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .map(Authentication::getName)
        .defaultIfEmpty("system")
        .flatMap(actor -> recordAs(actor, action, subject, detail));
  }

  /**
   * Records {@code action} on {@code subject} by {@code actor} (an audit name, {@link
   * Account#auditName()}), for steps taken before the caller is in the security context: a sign-in
   * records the person who signed in.
   */
  public Mono<Void> recordAs(String actor, String action, String subject, String detail) {
    return db.sql(
            "INSERT INTO admin_audit (actor, action, subject, detail, at)"
                + " VALUES (:actor, :action, :subject, :detail, :at)")
        .bind("actor", actor)
        .bind("action", action)
        .bind("subject", subject)
        .bind("detail", detail == null ? "" : detail)
        .bind("at", clock.instant())
        .then();
  }

  /** The latest entries, newest first. */
  public Flux<Entry> recent(int limit) {
    return db.sql(
            "SELECT id, actor, action, subject, detail, at FROM admin_audit ORDER BY id DESC LIMIT :limit")
        .bind("limit", limit)
        .map(
            row ->
                new Entry(
                    row.get("id", Long.class),
                    row.get("actor", String.class),
                    row.get("action", String.class),
                    row.get("subject", String.class),
                    row.get("detail", String.class),
                    row.get("at", Instant.class)))
        .all();
  }
}
