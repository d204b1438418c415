package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores units, contacts, group chats and item responsibilities. */
@Repository
class UnitRepository {

  private static final String CONTACT_COLUMNS = UnitReads.CONTACT_COLUMNS;

  /** The {@code assignment.leader} column's limit (V13). */
  private static final int LEADER_CHARS = 100;

  private final DatabaseClient db;
  private final PlanService plans;
  private final UnitReads reads;
  private final Directory directory;

  UnitRepository(DatabaseClient db, PlanService plans, UnitReads reads, Directory directory) {
    this.db = db;
    this.plans = plans;
    this.reads = reads;
    this.directory = directory;
  }

  Flux<Unit> units() {
    return reads.units();
  }

  Flux<Contact> contacts() {
    return reads.contacts();
  }

  Flux<GroupChat> groups() {
    return reads.groups();
  }

  Flux<Assignment> assignments() {
    return reads.assignments();
  }

  Flux<Assignment> assignments(int year) {
    return reads.assignments(year);
  }

  /** From memory ({@link Directory}): the message path asks for every message. */
  Mono<Unit> unit(String code) {
    return directory.roster().mapNotNull(r -> r.unit(code));
  }

  Mono<Long> countUnits() {
    return db.sql("select count(*) as n from unit").map(r -> r.get("n", Long.class)).one();
  }

  Flux<Contact> contacts(String unitCode) {
    return db.sql("select " + CONTACT_COLUMNS + " from contact where unit_code = :unit order by id")
        .bind("unit", unitCode)
        .map(r -> UnitReads.contact(r))
        .all();
  }

  /** From memory ({@link Directory}). */
  Mono<Contact> contact(long id) {
    return directory.roster().mapNotNull(r -> r.contact(id));
  }

  /** From memory ({@link Directory}). */
  Mono<Contact> findContact(Platform platform, String platformUserId) {
    return directory.roster().mapNotNull(r -> r.contact(platform, platformUserId));
  }

  /**
   * The contact of this user id with where it speaks: whether the chat is registered for its unit
   * (through this bot), for a leaders' unit, or for any unit, and whether the bot serves its unit.
   * From memory ({@link Directory}): every message asks.
   */
  Mono<Speaker.Found> speaker(Platform platform, String botId, String chatId, String userId) {
    return directory.roster().mapNotNull(r -> r.speaker(platform, botId, chatId, userId));
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
        .then(directory.changed());
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
    return spec.map(r -> UnitReads.contact(r))
        .one()
        .flatMap(stored -> directory.changed().thenReturn(stored));
  }

  Mono<Void> setDeputy(long contactId, long deputyId) {
    return db.sql("update contact set deputy_id = :deputy where id = :id")
        .bind("deputy", deputyId)
        .bind("id", contactId)
        .then()
        .then(directory.changed());
  }

  Mono<Long> deleteContact(long id) {
    return db.sql("delete from contact where id = :id")
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .flatMap(n -> directory.changed().thenReturn(n));
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
    return spec.map(r -> UnitReads.group(r))
        .one()
        .flatMap(stored -> directory.changed().thenReturn(stored));
  }

  /** Moves an assigned item's deadline; 0 when the item has no assignment. */
  Mono<Long> setDeadline(long itemId, LocalDate deadline) {
    return db.sql("update assignment set deadline = :deadline where item_id = :item")
        .bind("item", itemId)
        .bind("deadline", deadline)
        .fetch()
        .rowsUpdated()
        .flatMap(n -> directory.changed().thenReturn(n));
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
    return Flux.concat(steps).then(directory.changed());
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
    return Flux.concat(steps).then(directory.changed());
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
   * Responsibilities from memory ({@link Directory}): the message path reads them for every
   * message; a change made anywhere is seen once it commits (here at once).
   */
  Flux<Assignment> recentAssignments() {
    return directory.assignments().flatMapIterable(list -> list);
  }

  /** Units from memory ({@link Directory}), in the order of {@link #units()}. */
  Flux<Unit> recentUnits() {
    return directory.roster().flatMapIterable(Roster::units);
  }

  /** Contacts from memory ({@link Directory}), in the order of {@link #contacts()}. */
  Flux<Contact> recentContacts() {
    return directory.roster().flatMapIterable(Roster::contacts);
  }

  /** For a write made outside this repository: see {@link Directory#changed}. */
  Mono<Void> changed() {
    return directory.changed();
  }
}
