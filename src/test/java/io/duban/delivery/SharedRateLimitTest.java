package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.system.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Two dispatchers on one database, each with its own limiter and its own memory of full buckets, as
 * two instances are: together they never send more than a bucket's limit in its window; and the
 * LISTEN connection that tells one instance of another's queued messages, across a dropped
 * connection.
 */
@QuietSpringTest
class SharedRateLimitTest {

  static final FakePlatformServer PLATFORM = QuietService.PLATFORM;
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final Instant START = Instant.parse("2024-06-10T02:00:00Z");

  @Autowired io.duban.chat.StreamPresence presence;
  @Autowired QuietService quiet;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher first;
  @Autowired OutboxRepository repository;
  @Autowired PlatformSenders senders;
  @Autowired DeliveryProperties properties;
  @Autowired Backoff backoff;
  @Autowired MeterRegistry meters;
  @Autowired OutboxWakeUp wakeUp;
  @Autowired OutboxListener listener;
  @Autowired DatabaseClient db;
  @Autowired TransactionalOperator tx;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(START);
  }

  /** Another instance: its own limiter (its own memory), small rounds so the two interleave. */
  private OutboxDispatcher instance(RateLimiter limiter) {
    DeliveryProperties small =
        new DeliveryProperties(
            properties.sendTimeout(),
            properties.connectTimeout(),
            properties.maxAttempts(),
            properties.initialBackoff(),
            properties.maxBackoff(),
            properties.pollInterval(),
            3,
            properties.sendConcurrency(),
            properties.stuckAfter(),
            properties.claimLease(),
            properties.tokenRefreshMargin(),
            false);
    return new OutboxDispatcher(
        repository,
        limiter,
        senders,
        small,
        backoff,
        CLOCK,
        meters,
        wakeUp,
        listener,
        new DispatcherLease(db, small.claimLease(), "shared-" + System.identityHashCode(limiter)),
        presence);
  }

  @Test
  void twoInstancesTogetherSendNoMoreThanARobotsTwentyAMinute() throws Exception {
    for (int i = 1; i <= 45; i++) {
      outbox
          .enqueue(
              Destination.webhook(Platform.WECOM, "w3"),
              OutboundMessage.text("第" + i + "条", List.of()),
              "shared:" + i)
          .block();
    }
    int before = PLATFORM.receivedWith("key=k3").size();
    OutboxDispatcher a = instance(new RateLimiter(db, tx));
    OutboxDispatcher b = instance(new RateLimiter(db, tx));

    for (int round = 0; round < 10; round++) {
      Flux.merge(a.dispatchDue(), b.dispatchDue()).blockLast(Duration.ofSeconds(30));
    }
    // every permit of the minute granted once, to one of the two; a send slower than the test's
    // send timeout on a busy machine spends its permit and is retried later, so the platform may
    // have seen a little fewer
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket")).isEqualTo(20);
    int firstMinute = PLATFORM.receivedWith("key=k3").size() - before;
    assertThat(firstMinute).isBetween(15, 20);
    assertThat(
            count(
                "select count(*) from outbox_message where status = 'PENDING'"
                    + " and next_attempt_at >= '"
                    + START.plusSeconds(60)
                    + "'"))
        .isGreaterThanOrEqualTo(25);

    CLOCK.advance(Duration.ofSeconds(61));
    for (int round = 0; round < 10; round++) {
      Flux.merge(a.dispatchDue(), b.dispatchDue()).blockLast(Duration.ofSeconds(30));
    }
    assertThat(count("select coalesce(sum(granted_total), 0) from delivery_bucket")).isEqualTo(40);
    assertThat(PLATFORM.receivedWith("key=k3").size() - before).isBetween(firstMinute + 15, 40);
  }

  @Test
  void hearsMessagesQueuedByAnyInstanceAndListensAgainAfterItsConnectionDrops() throws Exception {
    BlockingQueue<Boolean> heard = new LinkedBlockingQueue<>();
    Disposable listening = listener.signals().subscribe(heard::add);
    try {
      // a (re)connection is a signal of its own: what was queued meanwhile was not heard
      assertThat(heard.poll(10, TimeUnit.SECONDS)).as("connected").isTrue();
      // a message its queuing instance claimed to send itself at commit wakes no other (V37)
      insertElsewhere("elsewhere:0", "SENDING");
      assertThat(heard.poll(1, TimeUnit.SECONDS)).as("a claimed row is not heard").isNull();
      insertElsewhere("elsewhere:1", "PENDING");
      assertThat(heard.poll(5, TimeUnit.SECONDS)).as("heard the insert").isTrue();

      assertThat(
              count(
                  "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                      + " where datname = current_database() and query like 'LISTEN%'"))
          .isEqualTo(1);
      assertThat(heard.poll(15, TimeUnit.SECONDS)).as("reconnected").isTrue();
      heard.clear();
      insertElsewhere("elsewhere:2", "PENDING");
      assertThat(heard.poll(5, TimeUnit.SECONDS)).as("heard after reconnecting").isTrue();
    } finally {
      listening.dispose();
    }
  }

  /** A row queued as another instance would, by another connection, outside this one's Outbox. */
  private static void insertElsewhere(String key, String status) throws SQLException {
    try (Connection c = QuietService.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into outbox_message (dedupe_key, platform, bot_id, channel, target, destination,"
              + " rate_key, payload, status, attempts, next_attempt_at, created_at, sent_at)"
              + " values ('"
              + key
              + "', 'WECOM', 'w4', 'WEBHOOK', '', 'x', 'x', '{}', '"
              + status
              + "', 0, now() + interval '1 hour', now(), null)");
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
}
