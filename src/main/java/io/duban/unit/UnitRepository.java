package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

  /** How long the message path may use responsibilities read earlier. */
  static final Duration RECENT_FOR = Duration.ofSeconds(5);

  /** The {@code assignment.leader} column's limit (V13). */
  private static final int LEADER_CHARS = 100;

  private final DatabaseClient db;
  private final AtomicReference<Mono<List<Assignment>>> recent = new AtomicReference<>();

  private final PlanService plans;

  UnitRepository(DatabaseClient db, PlanService plans) {
    this.db = db;
    this.plans = plans;
    forgetRecent();
  }

  Flux<Unit> units() {
    return db.sql("select code, name, kind from unit order by position, code")
        .map(r -> unit(r))
        .all();
  }

  Mono<Unit> unit(String code) {
    return db.sql("select code, name, kind from unit where code = :code")
        .bind("code", code)
        .map(r -> unit(r))
        .one();
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
    return db.sql(
            "select c."
                + CONTACT_COLUMNS.replace(", ", ", c.")
                + ", exists (select 1 from group_chat g where g.platform = c.platform"
                + " and g.bot_id = :bot and g.chat_id = :chat and g.unit_code = c.unit_code)"
                + " as own_chat, exists (select 1 from group_chat g join unit u on u.code ="
                + " g.unit_code where g.platform = c.platform and g.bot_id = :bot"
                + " and g.chat_id = :chat and u.kind = 'LEADERS') as leaders_chat,"
                + " exists (select 1 from group_chat g where g.platform = c.platform"
                + " and g.bot_id = :bot and g.chat_id = :chat) as registered_chat,"
                + " exists (select 1 from group_chat g where g.platform = c.platform"
                + " and g.bot_id = :bot and g.unit_code = c.unit_code) as unit_bot"
                + " from contact c where c.platform = :platform and c.platform_user_id = :user")
        .bind("platform", platform.name())
        .bind("user", userId)
        .bind("bot", botId)
        .bind("chat", chatId == null ? "" : chatId)
        .map(
            r ->
                new Speaker.Found(
                    contact(r),
                    Boolean.TRUE.equals(r.get("own_chat", Boolean.class)),
                    Boolean.TRUE.equals(r.get("leaders_chat", Boolean.class)),
                    Boolean.TRUE.equals(r.get("registered_chat", Boolean.class)),
                    Boolean.TRUE.equals(r.get("unit_bot", Boolean.class))))
        .one();
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
        .then();
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
    return spec.map(r -> contact(r)).one();
  }

  Mono<Void> setDeputy(long contactId, long deputyId) {
    return db.sql("update contact set deputy_id = :deputy where id = :id")
        .bind("deputy", deputyId)
        .bind("id", contactId)
        .then();
  }

  Mono<Long> deleteContact(long id) {
    return db.sql("delete from contact where id = :id").bind("id", id).fetch().rowsUpdated();
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
    return spec.map(r -> group(r)).one();
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
   * Responsibilities as read at most {@link #RECENT_FOR} ago. The message path reads them for every
   * message; a change made here is seen at once (the copy is dropped when it commits), one made by
   * another instance within {@link #RECENT_FOR}.
   */
  Flux<Assignment> recentAssignments() {
    return recent.get().flatMapIterable(list -> list);
  }

  private void forgetRecent() {
    recent.set(
        assignments()
            .collectList()
            .cache(list -> RECENT_FOR, e -> Duration.ZERO, () -> Duration.ZERO));
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
