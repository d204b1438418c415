package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.Kept;
import io.duban.system.TableChanges;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores units, contacts, group chats and item responsibilities. */
@Repository
class UnitRepository {

  private static final String CONTACT_COLUMNS =
      "id, unit_code, name, platform, platform_user_id, role, leave_from, leave_until, deputy_id,"
          + " corp_id";

  /**
   * How long the message path may use responsibilities read earlier when no change of their tables
   * is heard (a lost notification); a change is heard at once (V26).
   */
  static final Duration RECENT_AT_MOST = Duration.ofMinutes(5);

  /** The {@code assignment.leader} column's limit (V13). */
  private static final int LEADER_CHARS = 100;

  /** The tables of the {@link Directory}, each notifying its changes (V26). */
  private static final String[] DIRECTORY_TABLES = {"unit", "contact", "group_chat"};

  /** How long the directory is kept at most when no change is heard (a lost notification). */
  static final Duration DIRECTORY_MAX_AGE = Duration.ofMinutes(5);

  private final DatabaseClient db;
  private final Kept<List<Assignment>> recent;
  private final TableChanges changes;
  private final Kept<Directory> directory;

  private final PlanService plans;

  UnitRepository(DatabaseClient db, PlanService plans, TableChanges changes) {
    this.db = db;
    this.plans = plans;
    this.changes = changes;
    this.directory =
        changes.keep(
            Mono.zip(units().collectList(), contacts().collectList(), groups().collectList())
                .map(t -> new Directory(t.getT1(), t.getT2(), t.getT3())),
            DIRECTORY_MAX_AGE,
            DIRECTORY_TABLES);
    // after the plan's catalogue registered (PlanService is built first): a change of plan_item
    // forgets the catalogue before these, so they are read again over the new catalogue
    this.recent =
        changes.keep(
            assignments().collectList(),
            RECENT_AT_MOST,
            "assignment",
            "assignment_support",
            "milestone",
            "plan",
            "plan_item");
  }

  /**
   * Units, contacts and chats as kept in memory until one of their tables changes (on any
   * instance), for the message path.
   */
  Mono<Directory> directory() {
    return directory.get();
  }

  /** Forgets the directory when a write made here to its tables ends. */
  private Mono<Void> directoryChanged() {
    return changes.changedAfterCommit(DIRECTORY_TABLES);
  }

  Flux<Unit> units() {
    return db.sql("select code, name, kind from unit order by position, code")
        .map(r -> unit(r))
        .all();
  }

  Mono<Unit> unit(String code) {
    return directory().flatMap(d -> Mono.justOrEmpty(d.unit(code)));
  }

  Mono<Long> countUnits() {
    return db.sql("select count(*) as n from unit").map(r -> r.get("n", Long.class)).one();
  }

  Flux<Contact> contacts() {
    return db.sql("select " + CONTACT_COLUMNS + " from contact order by unit_code, id")
        .map(r -> contact(r))
        .all();
  }

  Flux<Contact> contacts(String unitCode) {
    return db.sql("select " + CONTACT_COLUMNS + " from contact where unit_code = :unit order by id")
        .bind("unit", unitCode)
        .map(r -> contact(r))
        .all();
  }

  Mono<Contact> contact(long id) {
    return db.sql("select " + CONTACT_COLUMNS + " from contact where id = :id")
        .bind("id", id)
        .map(r -> contact(r))
        .one();
  }

  Mono<Contact> findContact(Platform platform, String platformUserId) {
    return db.sql(
            "select "
                + CONTACT_COLUMNS
                + " from contact where platform = :platform and platform_user_id = :user")
        .bind("platform", platform.name())
        .bind("user", platformUserId)
        .map(r -> contact(r))
        .one();
  }

  /**
   * The contact of this user id with where it speaks: whether the chat is registered for its unit
   * (through this bot), for a leaders' unit, or for any unit, and whether the bot serves its unit.
   */
  Mono<Speaker.Found> speaker(Platform platform, String botId, String chatId, String userId) {
    return directory().flatMap(d -> Mono.justOrEmpty(d.speaker(platform, botId, chatId, userId)));
  }

  Flux<GroupChat> groups() {
    return db.sql(
            "select id, unit_code, platform, bot_id, chat_id, name from group_chat order by id")
        .map(r -> group(r))
        .all();
  }

  Flux<Assignment> assignments() {
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
        plans
            .items()
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

  Mono<Long> currentItemId(String code) {
    return plans.findItem(code).map(PlanItem::id);
  }

  Mono<Void> upsertUnit(Unit unit, int position) {
    return db.sql(
            "insert into unit (code, name, kind, position) values (:code, :name, :kind, :pos)"
                + " on conflict (code) do update set name = excluded.name, kind = excluded.kind")
        .bind("code", unit.code())
        .bind("name", unit.name())
        .bind("kind", unit.kind().name())
        .bind("pos", position)
        .then()
        .then(directoryChanged());
  }

  Mono<Contact> insertContact(Contact c) {
    var spec =
        db.sql(
                "insert into contact (unit_code, name, platform, platform_user_id, role,"
                    + " leave_from, leave_until, deputy_id, corp_id) values (:unit, :name, :platform,"
                    + " :user, :role, :from, :until, :deputy, :corp) returning "
                    + CONTACT_COLUMNS)
            .bind("unit", c.unitCode())
            .bind("name", c.name())
            .bind("platform", c.platform().name())
            .bind("user", c.platformUserId())
            .bind("role", c.role().name());
    spec =
        c.leaveFrom() == null
            ? spec.bindNull("from", LocalDate.class)
            : spec.bind("from", c.leaveFrom());
    spec =
        c.leaveUntil() == null
            ? spec.bindNull("until", LocalDate.class)
            : spec.bind("until", c.leaveUntil());
    spec =
        c.deputyId() == null
            ? spec.bindNull("deputy", Long.class)
            : spec.bind("deputy", c.deputyId());
    spec =
        c.corpId() == null || c.corpId().isBlank()
            ? spec.bindNull("corp", String.class)
            : spec.bind("corp", c.corpId().strip());
    return spec.map(r -> contact(r)).one().flatMap(stored -> directoryChanged().thenReturn(stored));
  }

  Mono<Void> setDeputy(long contactId, long deputyId) {
    return db.sql("update contact set deputy_id = :deputy where id = :id")
        .bind("deputy", deputyId)
        .bind("id", contactId)
        .then()
        .then(directoryChanged());
  }

  Mono<Long> deleteContact(long id) {
    return db.sql("delete from contact where id = :id")
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .flatMap(n -> directoryChanged().thenReturn(n));
  }

  Mono<GroupChat> insertGroup(GroupChat g) {
    var spec =
        db.sql(
                "insert into group_chat (unit_code, platform, bot_id, chat_id, name)"
                    + " values (:unit, :platform, :bot, :chat, :name)"
                    + " returning id, unit_code, platform, bot_id, chat_id, name")
            .bind("unit", g.unitCode())
            .bind("platform", g.platform().name())
            .bind("bot", g.botId())
            .bind("chat", g.chatId());
    spec = g.name() == null ? spec.bindNull("name", String.class) : spec.bind("name", g.name());
    return spec.map(r -> group(r)).one().flatMap(stored -> directoryChanged().thenReturn(stored));
  }

  /** Moves an assigned item's deadline; 0 when the item has no assignment. */
  Mono<Long> setDeadline(long itemId, LocalDate deadline) {
    return db.sql("update assignment set deadline = :deadline where item_id = :item")
        .bind("item", itemId)
        .bind("deadline", deadline)
        .fetch()
        .rowsUpdated()
        .flatMap(n -> afterCompletion().then(Mono.fromRunnable(this::forgetRecent)).thenReturn(n));
  }

  Mono<Void> replaceAssignment(long itemId, Assignment a) {
    var insert =
        db.sql(
                "insert into assignment (item_id, lead_unit, deadline, leader, owner)"
                    + " values (:item, :lead, :deadline, :leader, :owner)")
            .bind("item", itemId)
            .bind("lead", a.leadUnit());
    insert =
        a.leader() == null
            ? insert.bindNull("leader", String.class)
            : insert.bind("leader", a.leader());
    insert =
        a.owner() == null
            ? insert.bindNull("owner", String.class)
            : insert.bind("owner", a.owner());
    insert =
        a.deadline() == null
            ? insert.bindNull("deadline", LocalDate.class)
            : insert.bind("deadline", a.deadline());
    List<Mono<Void>> steps = new ArrayList<>();
    steps.add(db.sql("delete from assignment where item_id = :item").bind("item", itemId).then());
    steps.add(insert.then());
    for (String support : a.supportUnits()) {
      steps.add(
          db.sql("insert into assignment_support (item_id, unit_code) values (:item, :unit)")
              .bind("item", itemId)
              .bind("unit", support)
              .then());
    }
    for (Milestone m : a.milestones()) {
      var ms =
          db.sql(
                  "insert into milestone (item_id, due, percent, note)"
                      + " values (:item, :due, :percent, :note)")
              .bind("item", itemId)
              .bind("due", m.date())
              .bind("percent", m.percent());
      ms = m.note() == null ? ms.bindNull("note", String.class) : ms.bind("note", m.note());
      steps.add(ms.then());
    }
    return Flux.concat(steps).then(Mono.fromRunnable(this::forgetRecent)).then(afterCompletion());
  }

  /**
   * Sets an item's lead, supports and deadline as an imported plan states them, keeping its
   * milestones (and its deadline when the document gives none).
   *
   * @param responsibleLeader the 责任领导 as the document writes it, or null (then the stored one
   *     stays); written to the assignment's {@code leader} column (V13), its {@code owner}
   *     untouched
   */
  Mono<Void> applyAssignment(
      long itemId,
      String lead,
      List<String> supports,
      LocalDate deadline,
      String responsibleLeader) {
    var upsert =
        db.sql(
                "insert into assignment (item_id, lead_unit, deadline, leader)"
                    + " values (:item, :lead, :deadline, :leader) on conflict (item_id) do update"
                    + " set lead_unit = excluded.lead_unit,"
                    + " deadline = coalesce(excluded.deadline, assignment.deadline),"
                    + " leader = coalesce(excluded.leader, assignment.leader)")
            .bind("item", itemId)
            .bind("lead", lead);
    String leader = leaderText(responsibleLeader);
    upsert =
        leader == null ? upsert.bindNull("leader", String.class) : upsert.bind("leader", leader);
    upsert =
        deadline == null
            ? upsert.bindNull("deadline", LocalDate.class)
            : upsert.bind("deadline", deadline);
    List<Mono<Void>> steps = new ArrayList<>();
    steps.add(upsert.then());
    steps.add(
        db.sql("delete from assignment_support where item_id = :item").bind("item", itemId).then());
    for (String support : supports) {
      if (!support.equals(lead)) {
        steps.add(
            db.sql(
                    "insert into assignment_support (item_id, unit_code) values (:item, :unit)"
                        + " on conflict do nothing")
                .bind("item", itemId)
                .bind("unit", support)
                .then());
      }
    }
    return Flux.concat(steps).then(Mono.fromRunnable(this::forgetRecent)).then(afterCompletion());
  }

  /** The 责任领导 as stored: stripped, null when blank, at most the column's 100 characters. */
  static String leaderText(String written) {
    if (written == null || written.isBlank()) {
      return null;
    }
    String t = written.strip();
    return t.codePointCount(0, t.length()) <= LEADER_CHARS
        ? t
        : t.substring(0, t.offsetByCodePoints(0, LEADER_CHARS));
  }

  /**
   * Responsibilities as kept in memory until their tables change. The message path reads them for
   * every message; a change made here is seen at once (the copy is dropped when it ends), one made
   * by another instance as soon as its notification arrives.
   */
  Flux<Assignment> recentAssignments() {
    return recent.get().flatMapIterable(list -> list);
  }

  private void forgetRecent() {
    recent.forget();
  }

  /** Drops the recent copy again once the surrounding transaction, if any, has ended. */
  private Mono<Void> afterCompletion() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .doOnNext(
            m ->
                m.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public Mono<Void> afterCompletion(int status) {
                        return Mono.fromRunnable(UnitRepository.this::forgetRecent);
                      }
                    }))
        .onErrorResume(NoTransactionException.class, e -> Mono.empty())
        .then();
  }

  private record AssignmentRow(
      long itemId, String code, String lead, LocalDate deadline, String leader, String owner) {}

  private static Unit unit(Readable r) {
    return new Unit(
        r.get("code", String.class),
        r.get("name", String.class),
        UnitKind.valueOf(r.get("kind", String.class)));
  }

  private static Contact contact(Readable r) {
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

  private static GroupChat group(Readable r) {
    return new GroupChat(
        r.get("id", Long.class),
        r.get("unit_code", String.class),
        Platform.valueOf(r.get("platform", String.class)),
        r.get("bot_id", String.class),
        r.get("chat_id", String.class),
        r.get("name", String.class));
  }
}
