package io.duban.chat;

import io.duban.plan.TaskSource;
import io.duban.report.TaskAssignments;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import io.duban.unit.NewTask;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What the 签收 button tests share: a 交办事项 filed for a unit (which queues its notices), and waiting,
 * by polling the database with a deadline, for what the background hand-over does.
 */
public final class CardPresses {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final DatabaseClient db;

  public CardPresses(DatabaseClient db) {
    this.db = db;
  }

  /** Registers a group chat of a unit through a bot (once). */
  public void group(String unit, Platform platform, String bot, String chatId) {
    db.sql(
            "insert into group_chat (unit_code, platform, bot_id, chat_id, name)"
                + " values (:u, :p, :b, :c, :c) on conflict do nothing")
        .bind("u", unit)
        .bind("p", platform.name())
        .bind("b", bot)
        .bind("c", chatId)
        .then()
        .block(WAIT);
  }

  /** Registers a contact of a unit (once). */
  public void contact(String unit, String name, Platform platform, String userId) {
    db.sql(
            "insert into contact (unit_code, name, platform, platform_user_id, role)"
                + " values (:u, :n, :p, :id, 'CONTACT') on conflict do nothing")
        .bind("u", unit)
        .bind("n", name)
        .bind("p", platform.name())
        .bind("id", userId)
        .then()
        .block(WAIT);
  }

  /**
   * Removes what these tests added: the items filed, their notices and replies, the test bots'
   * groups and the contacts registered here; other tests share the database.
   */
  public void cleanUp(List<String> codes, List<String> bots, List<String> userIds) {
    Mono<Void> items =
        codes.isEmpty()
            ? Mono.empty()
            : db.sql("delete from progress_report where item_code in (:c)")
                .bind("c", codes)
                .then()
                .then(db.sql("delete from plan_item where code in (:c)").bind("c", codes).then());
    items
        .then(db.sql("delete from group_chat where bot_id in (:b)").bind("b", bots).then())
        .then(
            db.sql("delete from contact where platform_user_id in (:u)").bind("u", userIds).then())
        .thenMany(
            reactor.core.publisher.Flux.fromIterable(codes)
                .concatMap(
                    code ->
                        db.sql("delete from outbox_message where dedupe_key like :k")
                            .bind("k", "assigned:" + code + ":%")
                            .then()))
        .then()
        .block(WAIT);
  }

  /** Files a 交办事项 led by {@code unit}; its code. */
  public static String fileTask(TaskAssignments assignments, Clock clock, String unit) {
    NewTask task =
        new NewTask(
            TaskSource.INSTRUCTION,
            null,
            "交办 签收按钮测试",
            "报送签收按钮测试材料",
            unit,
            List.of(),
            "陈局长",
            LocalDate.now(clock).plusDays(30),
            List.of());
    return assignments.file(task, "陈局长").block(WAIT).item().code();
  }

  /** The item's 签收 once given (fails after the wait). */
  public static Acknowledgement acknowledged(Acknowledgements acknowledgements, String code) {
    return acknowledgements
        .of(code)
        .filter(Acknowledgement::acknowledged)
        .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(100)))
        .timeout(WAIT)
        .block();
  }

  /** The queued outbox row whose dedupe key is {@code key} (fails after the wait). */
  public Map<String, Object> outbox(String key) {
    return db.sql(
            "select channel, target, payload::text as payload from outbox_message"
                + " where dedupe_key = :k")
        .bind("k", key)
        .fetch()
        .one()
        .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(100)))
        .timeout(WAIT)
        .block();
  }

  /** The queued outbox rows whose dedupe keys are like {@code pattern}. */
  public List<Map<String, Object>> outboxLike(String pattern) {
    return db.sql(
            "select dedupe_key, channel, target, payload::text as payload from outbox_message"
                + " where dedupe_key like :k order by id")
        .bind("k", pattern)
        .fetch()
        .all()
        .collectList()
        .block(WAIT);
  }

  /** The stored inbound message's id for this dedupe key (fails after the wait). */
  public long inboundId(Platform platform, String bot, String platformMessageId) {
    return db.sql(
            "select id from inbound_message where platform = :p and bot_id = :b"
                + " and platform_message_id = :m")
        .bind("p", platform.name())
        .bind("b", bot)
        .bind("m", platformMessageId)
        .map(r -> r.get("id", Long.class))
        .one()
        .switchIfEmpty(Mono.error(new AssertionError("no inbound message " + platformMessageId)))
        .block(WAIT);
  }
}
