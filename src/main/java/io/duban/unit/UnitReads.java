package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads units, contacts, group chats and responsibilities whole from the database. */
@Component
class UnitReads {

  static final String CONTACT_COLUMNS =
      "id, unit_code, name, platform, platform_user_id, role, leave_from, leave_until, deputy_id,"
          + " corp_id";

  private final DatabaseClient db;
  private final PlanService plans;

  UnitReads(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
  }

  /** Units, contacts and group chats, read together. */
  Mono<Roster> roster() {
    return Mono.zip(units().collectList(), contacts().collectList(), groups().collectList())
        .map(t -> new Roster(t.getT1(), t.getT2(), t.getT3()));
  }

  Flux<Unit> units() {
    return db.sql("select code, name, kind from unit order by position, code")
        .map(r -> unit(r))
        .all();
  }

  Flux<Contact> contacts() {
    return db.sql("select " + CONTACT_COLUMNS + " from contact order by unit_code, id")
        .map(r -> contact(r))
        .all();
  }

  Flux<GroupChat> groups() {
    return db.sql(
            "select id, unit_code, platform, bot_id, chat_id, name from group_chat order by id")
        .map(r -> group(r))
        .all();
  }

  /** Responsibilities for the items of the current plan. */
  Flux<Assignment> assignments() {
    return assignments(plans.items());
  }

  /** Responsibilities for the items of {@code year}'s plan. */
  Flux<Assignment> assignments(int year) {
    return assignments(plans.items(year));
  }

  private Flux<Assignment> assignments(Flux<PlanItem> items) {
    Mono<Map<Long, List<String>>> supports =
        db.sql("select item_id, unit_code from assignment_support order by unit_code")
            .map(r -> Map.entry(r.get("item_id", Long.class), r.get("unit_code", String.class)))
            .all()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    Mono<Map<Long, List<Milestone>>> milestones =
        db.sql("select item_id, due, percent, note from milestone order by due")
            .map(
                r ->
                    Map.entry(
                        r.get("item_id", Long.class),
                        new Milestone(
                            r.get("due", LocalDate.class),
                            r.get("percent", Integer.class),
                            r.get("note", String.class))))
            .all()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    Flux<AssignmentRow> rows =
        items
            .collectMap(PlanItem::id, PlanItem::code)
            .flatMapMany(
                codes ->
                    db.sql(
                            "select item_id, lead_unit, deadline, leader, owner from assignment"
                                + " where item_id = any(:ids) order by item_id")
                        .bind("ids", codes.keySet().toArray(Long[]::new))
                        .map(
                            r ->
                                new AssignmentRow(
                                    r.get("item_id", Long.class),
                                    codes.get(r.get("item_id", Long.class)),
                                    r.get("lead_unit", String.class),
                                    r.get("deadline", LocalDate.class),
                                    r.get("leader", String.class),
                                    r.get("owner", String.class)))
                        .all());
    return Mono.zip(supports, milestones)
        .flatMapMany(
            t ->
                rows.map(
                    row ->
                        new Assignment(
                            row.code(),
                            row.lead(),
                            t.getT1().getOrDefault(row.itemId(), List.of()),
                            row.deadline(),
                            t.getT2().getOrDefault(row.itemId(), List.of()),
                            row.leader(),
                            row.owner())));
  }

  private record AssignmentRow(
      long itemId, String code, String lead, LocalDate deadline, String leader, String owner) {}

  private static Unit unit(Readable r) {
    return new Unit(
        r.get("code", String.class),
        r.get("name", String.class),
        UnitKind.valueOf(r.get("kind", String.class)));
  }

  static Contact contact(Readable r) {
    return new Contact(
        r.get("id", Long.class),
        r.get("unit_code", String.class),
        r.get("name", String.class),
        Platform.valueOf(r.get("platform", String.class)),
        r.get("platform_user_id", String.class),
        ContactRole.valueOf(r.get("role", String.class)),
        r.get("leave_from", LocalDate.class),
        r.get("leave_until", LocalDate.class),
        r.get("deputy_id", Long.class),
        r.get("corp_id", String.class));
  }

  static GroupChat group(Readable r) {
    return new GroupChat(
        r.get("id", Long.class),
        r.get("unit_code", String.class),
        Platform.valueOf(r.get("platform", String.class)),
        r.get("bot_id", String.class),
        r.get("chat_id", String.class),
        r.get("name", String.class));
  }
}
