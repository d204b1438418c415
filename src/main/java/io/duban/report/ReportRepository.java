package io.duban.report;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores progress reports and the messages the report pipeline has handled. */
@Repository
class ReportRepository {

  private static final String COLUMNS =
      "id, plan_year, item_code, unit_code, contact_id, platform, sender_id, sender_name, bot_id,"
          + " chat_id, status, percent, reason, text, period, inbound_message_id, late, retracted,"
          + " verified, replaces_id, created_at, reported_at, overdue, responsibility, reviewed_by";

  /** A report that is the item's own and may be shown: standing, verified, by the lead unit. */
  private static final String COUNTS = " not retracted and verified and responsibility = 'LEAD'";

  /** Admin search; null fields do not filter. */
  record Filter(String period, String itemCode, String unitCode, Boolean unverifiedOnly) {}

  private final DatabaseClient db;
  private final PlanService plans;
  private final ZoneId zone;

  ReportRepository(DatabaseClient db, PlanService plans, ZoneId zone) {
    this.db = db;
    this.plans = plans;
    this.zone = zone;
  }

  /** How a report is stored: its instant and what follows from it and from the item. */
  record Placement(
      int year,
      String period,
      Instant reportedAt,
      boolean late,
      boolean overdue,
      ReportResponsibility responsibility) {}

  /**
   * What a report stored from a chat message also does in its statement: it marks the message
   * handled ({@link #markHandled}) and removes its sender's open clarification in its chat ({@link
   * ClarificationRepository}), and it is stored only when the message had not been handled before.
   */
  record Answering(long inboundMessageId, String outcome, Instant at) {}

  /**
   * Stores a report; with {@code answering} (null for none) as {@link Answering} says, emitting
   * nothing when the message had been handled before.
   */
  Mono<ProgressReport> insert(NewReport r, Placement p, Instant createdAt, Answering answering) {
    GenericExecuteSpec spec =
        db.sql(
                (answering != null
                        ? "with handled as (insert into report_handled_message (inbound_message_id,"
                            + " outcome, handled_at) values (:handledId, :outcome, :handledAt)"
                            + " on conflict do nothing returning inbound_message_id),"
                            + " answered as (delete from report_clarification where"
                            + " platform = :platform and chat_id = :chat and sender_id = :sender"
                            + " and exists (select 1 from handled)) "
                        : "")
                    + "insert into progress_report (plan_year, item_code, unit_code, contact_id, platform,"
                    + " sender_id, sender_name, bot_id, chat_id, status, percent, reason, text,"
                    + " period, inbound_message_id, late, verified, replaces_id, created_at,"
                    + " reported_at, overdue, responsibility) "
                    + (answering != null ? "select" : "values (")
                    + " :year, :item, :unit, :contact, :platform, :sender, :senderName, :bot,"
                    + " :chat, :status, :percent, :reason, :text, :period, :message, :late,"
                    + " :verified, :replaces, :created, :reported, :overdue, :responsibility"
                    + (answering != null ? " where exists (select 1 from handled)" : ")")
                    + " returning "
                    + COLUMNS)
            .bind("year", p.year())
            .bind("item", r.itemCode())
            .bind("platform", r.platform().name())
            .bind("sender", r.senderId())
            .bind("status", r.status().name())
            .bind("text", r.text())
            .bind("period", p.period())
            .bind("late", p.late())
            .bind("verified", r.verified())
            .bind("created", createdAt.atOffset(ZoneOffset.UTC))
            .bind("reported", p.reportedAt().atOffset(ZoneOffset.UTC))
            .bind("overdue", p.overdue())
            .bind("responsibility", p.responsibility().name());
    spec = bindNullable(spec, "unit", r.unitCode(), String.class);
    spec = bindNullable(spec, "contact", r.contactId(), Long.class);
    spec = bindNullable(spec, "senderName", r.senderName(), String.class);
    spec = bindNullable(spec, "bot", r.botId(), String.class);
    spec = bindNullable(spec, "chat", r.chatId(), String.class);
    spec = bindNullable(spec, "percent", r.percent(), Integer.class);
    spec = bindNullable(spec, "reason", r.reason(), String.class);
    spec = bindNullable(spec, "message", r.inboundMessageId(), Long.class);
    spec = bindNullable(spec, "replaces", r.replacesId(), Long.class);
    if (answering != null) {
      spec =
          spec.bind("handledId", answering.inboundMessageId())
              .bind("outcome", answering.outcome())
              .bind("handledAt", answering.at().atOffset(ZoneOffset.UTC));
    }
    return spec.map(ReportRepository::report).one();
  }

  Mono<Void> retract(long id) {
    return db.sql("update progress_report set retracted = true where id = :id")
        .bind("id", id)
        .then();
  }

  Mono<ProgressReport> latest(String itemCode) {
    return plans
        .currentYear()
        .flatMap(
            year ->
                db.sql(
                        "select "
                            + COLUMNS
                            + " from progress_report where item_code = :item and"
                            + COUNTS
                            + " and plan_year = :year order by reported_at desc, id desc limit 1")
                    .bind("item", itemCode)
                    .bind("year", year)
                    .map(ReportRepository::report)
                    .one());
  }

  Flux<ProgressReport> latestPerItem() {
    return latestPerItemBefore(null);
  }

  /**
   * Like {@link #latestPerItem()}, as things stood just before {@code before} (null: now). Read
   * from the standing tables the triggers of V33 keep: an item's latest report when it was made
   * before {@code before}, else its latest of the week {@code before} falls in when that one was;
   * only an item with neither (no report yet in that week, or only later ones) is probed in
   * progress_report. Periods agree with report instants (V12), so a report of a later week is never
   * before {@code before}.
   */
  Flux<ProgressReport> latestPerItemBefore(Instant before) {
    return latestPerItem(before, COLUMNS, ReportRepository::report);
  }

  /**
   * {@link #latestPerItemBefore}, only the columns of a {@link LatestReport}: what the board, the
   * ledger and the digest read of each item.
   */
  Flux<LatestReport> latestShownPerItemBefore(Instant before) {
    return latestPerItem(before, LatestReport.COLUMNS, LatestReport::of);
  }

  private <T> Flux<T> latestPerItem(
      Instant before, String columns, java.util.function.Function<Readable, T> row) {
    return plans
        .currentYear()
        .zipWith(plans.items().map(PlanItem::code).collectList())
        .flatMapMany(current -> latestOf(current.getT2(), current.getT1(), before, columns, row));
  }

  /** {@link #latestPerItemBefore} for the given items of plan year {@code year}. */
  private <T> Flux<T> latestOf(
      List<String> codes,
      int year,
      Instant before,
      String columns,
      java.util.function.Function<Readable, T> row) {
    if (before == null) {
      return db.sql(
              "select "
                  + qualified(columns)
                  + " from unnest(:codes::text[]) with ordinality as c(code, pos)"
                  + " join item_latest_report l on l.plan_year = :year and l.item_code = c.code"
                  + " join progress_report r on r.id = l.report_id order by c.pos")
          .bind("codes", codes.toArray(String[]::new))
          .bind("year", year)
          .map(row)
          .all();
    }
    // the week holding the last instant before `before` (an end of week is the next one's start)
    String week = ReportWeek.of(before.minusNanos(1000), zone).toString();
    return db.sql(
            "with x as (select c.code, c.pos, case when l.reported_at < :before then l.report_id"
                + " when w.reported_at < :before then w.report_id end as rid"
                + " from unnest(:codes::text[]) with ordinality as c(code, pos)"
                + " join item_latest_report l on l.plan_year = :year and l.item_code = c.code"
                + " left join item_week_report w on w.plan_year = :year and w.period = :week"
                + " and w.item_code = c.code)"
                + " select "
                + columns
                + " from (select x.pos, "
                + qualified(columns)
                + " from x join progress_report r on r.id = x.rid"
                + " union all select x.pos, p.* from x cross join lateral (select "
                + columns
                + " from progress_report r where r.item_code = x.code and r.plan_year = :year and"
                + COUNTS
                + " and r.reported_at < :before order by r.reported_at desc, r.id desc limit 1) p"
                + " where x.rid is null) u order by pos")
        .bind("codes", codes.toArray(String[]::new))
        .bind("year", year)
        .bind("week", week)
        .bind("before", before.atOffset(ZoneOffset.UTC))
        .map(row)
        .all();
  }

  private static String qualified(String columns) {
    return java.util.Arrays.stream(columns.split(","))
        .map(c -> "r." + c.strip())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * The standing reports of a period, newest first, all of them (the admin search stops at 1000).
   */
  Flux<ProgressReport> ofPeriod(String period) {
    return db.sql(
            "select "
                + COLUMNS
                + " from progress_report where period = :period and not retracted"
                + " order by reported_at desc, id desc")
        .bind("period", period)
        .map(ReportRepository::report)
        .all();
  }

  /**
   * Per unit and period, the items with a standing, verified lead report of the unit, and those of
   * them with one on time: one grouped scan of the weeks' reports (index {@code
   * progress_report_lead_period}, V20) instead of the reports themselves.
   */
  Flux<UnitWeekReports> unitWeeks(List<String> periods, List<String> unitCodes) {
    if (periods.isEmpty() || (unitCodes != null && unitCodes.isEmpty())) {
      return Flux.empty();
    }
    GenericExecuteSpec spec =
        db.sql(
                "select unit_code, period, array_agg(distinct item_code) as items,"
                    + " coalesce(array_agg(distinct item_code) filter (where not late), '{}') as on_time"
                    + " from progress_report where period = any(:periods) and unit_code is not null"
                    + (unitCodes == null ? "" : " and unit_code = any(:units)")
                    + " and"
                    + COUNTS
                    + " group by unit_code, period")
            .bind("periods", periods.toArray(String[]::new));
    if (unitCodes != null) {
      spec = spec.bind("units", unitCodes.toArray(String[]::new));
    }
    return spec.map(
            r ->
                new UnitWeekReports(
                    r.get("unit_code", String.class),
                    r.get("period", String.class),
                    Set.of(r.get("items", String[].class)),
                    Set.of(r.get("on_time", String[].class))))
        .all();
  }

  /**
   * The sender's most recently made report that is still standing, made since {@code since}; on
   * {@code itemCode} only when that is not null.
   */
  Mono<ProgressReport> lastBySender(
      Platform platform, String senderId, Instant since, String itemCode) {
    GenericExecuteSpec spec =
        db.sql(
                "select "
                    + COLUMNS
                    + " from progress_report where platform = :platform and sender_id = :sender"
                    + " and not retracted and created_at >= :since"
                    + (itemCode == null ? "" : " and item_code = :item")
                    + " order by created_at desc, id desc limit 1")
            .bind("platform", platform.name())
            .bind("sender", senderId)
            .bind("since", since.atOffset(ZoneOffset.UTC));
    if (itemCode != null) {
      spec = spec.bind("item", itemCode);
    }
    return spec.map(ReportRepository::report).one();
  }

  /** The latest standing report of {@code unitCode} on an item of the current plan. */
  Mono<ProgressReport> latestOfUnit(String itemCode, String unitCode) {
    return plans
        .currentYear()
        .flatMap(
            year ->
                db.sql(
                        "select "
                            + COLUMNS
                            + " from progress_report where item_code = :item and unit_code = :unit"
                            + " and not retracted and verified and plan_year = :year"
                            + " order by reported_at desc, id desc limit 1")
                    .bind("item", itemCode)
                    .bind("unit", unitCode)
                    .bind("year", year)
                    .map(ReportRepository::report)
                    .one());
  }

  Mono<ProgressReport> byId(long id) {
    return db.sql("select " + COLUMNS + " from progress_report where id = :id")
        .bind("id", id)
        .map(ReportRepository::report)
        .one();
  }

  /** Writes a review's outcome onto a report: where it belongs, whether it counts, who decided. */
  Mono<ProgressReport> review(
      long id,
      String itemCode,
      String unitCode,
      ReportResponsibility responsibility,
      boolean overdue,
      boolean verified,
      boolean retracted,
      String by,
      Instant at) {
    return bindNullable(
            db.sql(
                    "update progress_report set item_code = :item, unit_code = :unit,"
                        + " responsibility = :responsibility, overdue = :overdue,"
                        + " verified = :verified, retracted = :retracted, reviewed_by = :by,"
                        + " reviewed_at = :at where id = :id returning "
                        + COLUMNS)
                .bind("id", id)
                .bind("item", itemCode)
                .bind("responsibility", responsibility.name())
                .bind("overdue", overdue)
                .bind("verified", verified)
                .bind("retracted", retracted)
                .bind("by", by)
                .bind("at", at.atOffset(ZoneOffset.UTC)),
            "unit",
            unitCode,
            String.class)
        .map(ReportRepository::report)
        .one();
  }

  /** Standing reports waiting for review: unverified, or from a unit not responsible. */
  Flux<ProgressReport> reviewQueue(int limit) {
    return db.sql(
            "select "
                + COLUMNS
                + " from progress_report where not retracted and reviewed_by is null"
                + " and (not verified or responsibility = 'NONE')"
                + " order by reported_at desc, id desc limit :limit")
        .bind("limit", limit)
        .map(ReportRepository::report)
        .all();
  }

  Flux<ProgressReport> search(Filter filter) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from progress_report where true");
    if (filter.period() != null) {
      sql.append(" and period = :period");
    }
    if (filter.itemCode() != null) {
      sql.append(" and item_code = :item");
    }
    if (filter.unitCode() != null) {
      sql.append(" and unit_code = :unit");
    }
    if (Boolean.TRUE.equals(filter.unverifiedOnly())) {
      sql.append(" and not verified");
    }
    sql.append(" order by reported_at desc, id desc limit 1000");
    GenericExecuteSpec spec = db.sql(sql.toString());
    if (filter.period() != null) {
      spec = spec.bind("period", filter.period());
    }
    if (filter.itemCode() != null) {
      spec = spec.bind("item", filter.itemCode());
    }
    if (filter.unitCode() != null) {
      spec = spec.bind("unit", filter.unitCode());
    }
    return spec.map(ReportRepository::report).all();
  }

  /** Standing reports a sender made between two times, nearest to {@code at} first. */
  Flux<ProgressReport> ofSenderNear(
      io.duban.chat.Platform platform, String senderId, Instant at, java.time.Duration window) {
    return db.sql(
            "select "
                + COLUMNS
                + " from progress_report where platform = :platform and sender_id = :sender"
                + " and not retracted and created_at between :from and :to"
                + " order by abs(extract(epoch from created_at - :at)), id desc limit 20")
        .bind("platform", platform.name())
        .bind("sender", senderId)
        .bind("from", at.minus(window))
        .bind("to", at.plus(window))
        .bind("at", at)
        .map(ReportRepository::report)
        .all();
  }

  /** Marks a message handled; false when it already was (then nothing else may happen). */
  Mono<Boolean> markHandled(long inboundMessageId, String outcome, Instant at) {
    return db.sql(
            "insert into report_handled_message (inbound_message_id, outcome, handled_at)"
                + " values (:id, :outcome, :at) on conflict do nothing")
        .bind("id", inboundMessageId)
        .bind("outcome", outcome)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0);
  }

  private static <T> GenericExecuteSpec bindNullable(
      GenericExecuteSpec spec, String name, T value, Class<T> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  static ProgressReport report(Readable r) {
    return new ProgressReport(
        r.get("id", Long.class),
        r.get("plan_year", Integer.class),
        r.get("item_code", String.class),
        r.get("unit_code", String.class),
        r.get("contact_id", Long.class),
        Platform.valueOf(r.get("platform", String.class)),
        r.get("sender_id", String.class),
        r.get("sender_name", String.class),
        r.get("bot_id", String.class),
        r.get("chat_id", String.class),
        ReportStatus.valueOf(r.get("status", String.class)),
        r.get("percent", Integer.class),
        r.get("reason", String.class),
        r.get("text", String.class),
        r.get("period", String.class),
        r.get("inbound_message_id", Long.class),
        Boolean.TRUE.equals(r.get("late", Boolean.class)),
        Boolean.TRUE.equals(r.get("retracted", Boolean.class)),
        Boolean.TRUE.equals(r.get("verified", Boolean.class)),
        r.get("replaces_id", Long.class),
        r.get("created_at", OffsetDateTime.class).toInstant(),
        r.get("reported_at", OffsetDateTime.class).toInstant(),
        Boolean.TRUE.equals(r.get("overdue", Boolean.class)),
        ReportResponsibility.valueOf(r.get("responsibility", String.class)),
        r.get("reviewed_by", String.class));
  }
}
