package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.ChatType;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.InboundMessage;
import io.duban.chat.MessageKind;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PressedCards;
import io.duban.chat.ReplyUrls;
import io.duban.system.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A reply queued in a transaction leaves when that transaction commits, from the instance that
 * committed it, without waiting for a dispatch round, whenever its rate bucket has nothing queued
 * before it and a permit free; else it waits in the queue for a round, in its bucket's order. The
 * context's own dispatcher does not run here: an instance whose dispatcher runs is built beside it.
 */
@QuietSpringTest
class SentAtCommitTest {

  static final FakePlatformServer PLATFORM = QuietService.PLATFORM;
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final Instant START = Instant.parse("2024-06-12T03:00:00Z");

  /** Robot w6's webhook key: its group's replies go there. */
  static final String ROBOT = "key=k6";

  @Autowired QuietService quiet;
  @Autowired Outbox contextOutbox;
  @Autowired OutboxRepository repository;
  @Autowired PlatformSenders senders;
  @Autowired DeliveryProperties properties;
  @Autowired Backoff backoff;
  @Autowired MeterRegistry meters;
  @Autowired OutboxWakeUp wakeUp;
  @Autowired OutboxListener listener;
  @Autowired io.duban.chat.StreamPresence presence;
  @Autowired ReplyUrls replyUrls;
  @Autowired PressedCards pressedCards;
  @Autowired DatabaseClient db;
  @Autowired TransactionalOperator tx;

  private DispatcherLease lease;
  private Outbox outbox;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(START);
    DeliveryProperties running =
        new DeliveryProperties(
            properties.sendTimeout(),
            properties.connectTimeout(),
            properties.maxAttempts(),
            properties.initialBackoff(),
            properties.maxBackoff(),
            properties.pollInterval(),
            properties.batchSize(),
            properties.sendConcurrency(),
            properties.stuckAfter(),
            properties.claimLease(),
            properties.tokenRefreshMargin(),
            true);
    lease = new DispatcherLease(db, running.claimLease(), "at-commit-" + System.nanoTime());
    OutboxDispatcher dispatcher =
        new OutboxDispatcher(
            repository,
            new RateLimiter(db, tx),
            senders,
            running,
            backoff,
            CLOCK,
            meters,
            wakeUp,
            listener,
            lease,
            presence);
    outbox = new Outbox(repository, senders, replyUrls, CLOCK, wakeUp, pressedCards, dispatcher);
  }

  @Test
  void aReplyLeavesAtItsTransactionsCommitAndIsMarkedSent() throws Exception {
    lease.renew().block(Duration.ofSeconds(5));
    int before = PLATFORM.receivedWith(ROBOT).size();

    tx.transactional(outbox.reply(message("m1"), "收到：进度已登记", "commit:1"))
        .block(Duration.ofSeconds(10));

    awaitStatus("commit:1", "SENT");
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before + 1);
    assertThat(PLATFORM.receivedWith(ROBOT).get(before).body()).contains("收到：进度已登记");
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket"))
        .as("its permit")
        .isEqualTo(1);
  }

  @Test
  void nothingLeavesBeforeTheCommitNorAfterARollback() throws Exception {
    lease.renew().block(Duration.ofSeconds(5));
    int before = PLATFORM.receivedWith(ROBOT).size();

    assertThatThrownBy(
            () ->
                tx.transactional(
                        outbox
                            .reply(message("m2"), "不应发出", "commit:2")
                            .then(Mono.error(new IllegalStateException("handling failed"))))
                    .block(Duration.ofSeconds(10)))
        .hasMessageContaining("handling failed");

    Thread.sleep(300);
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);
    assertThat(count("select count(*) from outbox_message")).isZero();
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket"))
        .as("no permit kept")
        .isZero();
  }

  @Test
  void aReplyWaitsBehindWhatIsQueuedForItsRobotAndForAFullWindow() throws Exception {
    lease.renew().block(Duration.ofSeconds(5));
    int before = PLATFORM.receivedWith(ROBOT).size();
    // a reminder queued earlier for the same robot and not yet sent: the reply goes after it
    contextOutbox
        .enqueue(
            Destination.webhook(Platform.WECOM, "w6"),
            OutboundMessage.text("请报送本周进展", List.of()),
            "commit:reminder")
        .block(Duration.ofSeconds(10));

    tx.transactional(outbox.reply(message("m3"), "排在提醒之后", "commit:3"))
        .block(Duration.ofSeconds(10));

    assertThat(status("commit:3")).isEqualTo("PENDING");
    assertThat(dueAt("commit:3")).isEqualTo(START);
    Thread.sleep(300);
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);

    // the robot's 20 a minute taken already: the next reply waits for the window to free
    execute("truncate outbox_message");
    String bucket = senders.rateKey(Destination.webhook(Platform.WECOM, "w6"));
    execute(
        "insert into delivery_bucket (rate_key, granted, granted_total) values ('"
            + bucket
            + "', array_fill(timestamptz '"
            + START.minusSeconds(30)
            + "', array[20]), 20) on conflict (rate_key) do update"
            + " set granted = excluded.granted, granted_total = excluded.granted_total");

    tx.transactional(outbox.reply(message("m4"), "等窗口", "commit:4")).block(Duration.ofSeconds(10));

    assertThat(status("commit:4")).isEqualTo("PENDING");
    assertThat(dueAt("commit:4")).isEqualTo(START.plusSeconds(30));
    Thread.sleep(300);
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket")).isEqualTo(20);
  }

  @Test
  void theReplyWaitsForItsBucketsLockAndSeesTheWindowLeftByWhoHeldIt() throws Exception {
    lease.renew().block(Duration.ofSeconds(5));
    int before = PLATFORM.receivedWith(ROBOT).size();
    String bucket = senders.rateKey(Destination.webhook(Platform.WECOM, "w6"));
    // another instance's round or reply holds the robot's bucket (its row's lock, as RateLimiter
    // takes it) and grants its last permits: this transaction may not grant or send until that one
    // is done, and then sees the window it left
    execute(
        "insert into delivery_bucket (rate_key, granted, granted_total) values ('"
            + bucket
            + "', array_fill(timestamptz '"
            + START.minusSeconds(30)
            + "', array[19]), 19)");
    try (Connection other = QuietService.connect();
        Statement st = other.createStatement()) {
      other.setAutoCommit(false);
      st.execute(
          "update delivery_bucket set granted = granted || timestamptz '"
              + START.minusSeconds(10)
              + "', granted_total = 20 where rate_key = '"
              + bucket
              + "'");
      java.util.concurrent.CompletableFuture<Void> replied =
          tx.transactional(outbox.reply(message("m6"), "等锁", "commit:6")).toFuture();
      Thread.sleep(500);
      assertThat(replied).as("waiting for the bucket's lock").isNotDone();
      assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);
      other.commit();
      replied.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    // the other's last permit filled the window: the reply waits for its first grant to leave
    assertThat(status("commit:6")).isEqualTo("PENDING");
    assertThat(dueAt("commit:6")).isEqualTo(START.plusSeconds(30));
    Thread.sleep(300);
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket")).isEqualTo(20);
  }

  @Test
  void withoutALeaseTheReplyIsQueuedForTheRounds() throws Exception {
    int before = PLATFORM.receivedWith(ROBOT).size();

    tx.transactional(outbox.reply(message("m5"), "交给轮次", "commit:5")).block(Duration.ofSeconds(10));

    assertThat(status("commit:5")).isEqualTo("PENDING");
    Thread.sleep(300);
    assertThat(PLATFORM.receivedWith(ROBOT)).hasSize(before);
  }

  private static InboundMessage message(String id) {
    return new InboundMessage(
        0,
        Platform.WECOM,
        "w6",
        id,
        "chat-w6",
        ChatType.GROUP,
        "u1",
        "联络员",
        MessageKind.TEXT,
        "A01 完成80%",
        START,
        null,
        null);
  }

  private static void awaitStatus(String key, String expected) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!expected.equals(status(key)) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(status(key)).isEqualTo(expected);
  }

  private static String status(String key) throws SQLException {
    return text("select status from outbox_message where dedupe_key = '" + key + "'");
  }

  private static Instant dueAt(String key) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select next_attempt_at from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
