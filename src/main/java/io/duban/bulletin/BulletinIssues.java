package io.duban.bulletin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The issue numbers ({@code bulletin_issue}): stable per period, incrementing within a year. Two
 * instances numbering two new periods at once may pick the same next number; the loser's insert
 * does nothing and it tries again with the number after.
 */
@Repository
class BulletinIssues {

  /** An issued period: its number and days. */
  record Issue(String period, int year, int number, LocalDate from, LocalDate to) {}

  private final DatabaseClient db;
  private final Clock clock;

  BulletinIssues(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The issue of {@code period}, numbered now if it has none yet. */
  Mono<Issue> issue(BulletinPeriod period) {
    return find(period.key())
        .switchIfEmpty(
            Mono.defer(() -> insert(period).then(find(period.key())))
                .switchIfEmpty(Mono.error(new NumberTaken()))
                .retryWhen(Retry.max(5).filter(NumberTaken.class::isInstance)));
  }

  /** The issue numbered just before {@code issue} in its year, if any. */
  Mono<Issue> previous(Issue issue) {
    return db.sql(
            "select period, year, number, from_day, to_day from bulletin_issue"
                + " where year = :year and number < :number order by number desc limit 1")
        .bind("year", issue.year())
        .bind("number", issue.number())
        .map(
            r ->
                new Issue(
                    r.get("period", String.class),
                    r.get("year", Integer.class),
                    r.get("number", Integer.class),
                    r.get("from_day", LocalDate.class),
                    r.get("to_day", LocalDate.class)))
        .one();
  }

  private Mono<Issue> find(String key) {
    return db.sql(
            "select period, year, number, from_day, to_day from bulletin_issue where period = :p")
        .bind("p", key)
        .map(
            r ->
                new Issue(
                    r.get("period", String.class),
                    r.get("year", Integer.class),
                    r.get("number", Integer.class),
                    r.get("from_day", LocalDate.class),
                    r.get("to_day", LocalDate.class)))
        .one();
  }

  private Mono<Long> insert(BulletinPeriod period) {
    return db.sql(
            "insert into bulletin_issue (period, year, number, from_day, to_day, issued_at)"
                + " select :p, :year, coalesce(max(number), 0) + 1, :from, :to, :at"
                + " from bulletin_issue where year = :year on conflict do nothing")
        .bind("p", period.key())
        .bind("year", period.year())
        .bind("from", period.from())
        .bind("to", period.to())
        .bind("at", clock.instant().atOffset(ZoneOffset.UTC))
        .fetch()
        .rowsUpdated();
  }

  /** Another instance took the number this one picked. */
  private static final class NumberTaken extends RuntimeException {
    NumberTaken() {
      super("bulletin issue number taken", null, false, false);
    }
  }
}
