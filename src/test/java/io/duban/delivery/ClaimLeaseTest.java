package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Claims and the instances that made them: a message claimed (SENDING) by an instance whose lease
 * has lapsed, or that never had one, is taken over at the next round and sent once; a live
 * instance's claim is left alone until its lease lapses; a claim that names no instance (made
 * before claims named one) waits for stuck-after. And a redrive wakes the dispatchers.
 */
@QuietSpringTest
class ClaimLeaseTest {

  static final OwnDatabase DB = QuietService.DB;
  static final FakePlatformServer PLATFORM = QuietService.PLATFORM;
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final Instant START = Instant.parse("2024-06-13T07:00:00Z");

  @Autowired QuietService quiet;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired DispatcherLease lease;
  @Autowired DeliveryProperties properties;
  @Autowired OutboxWakeUp wakeUp;
  @Autowired DatabaseClient db;
  @Autowired OutboxRepository repository;
  @Autowired WebTestClient web;
  @Autowired OutboxListener listener;

  @BeforeEach
  void fresh() throws SQLException {
    quiet.reset(START);
    execute("delete from dispatcher_lease where instance like 'other-%'");
  }

  @Test
  void aClaimOfAnInstanceWhoseLeaseLapsedIsTakenOverAtOnceAndSentOnce() throws Exception {
    queue("lease:dead", "被杀实例认领的回复");
    queue("lease:never", "无租约实例认领的回复");
    // one instance was killed a moment ago; the other never renewed a lease at all
    execute(
        "insert into dispatcher_lease (instance, alive_until)"
            + " values ('other-killed', now() - interval '1 second')");
    claimedBy("lease:dead", "other-killed", CLOCK.instant());
    claimedBy("lease:never", "other-unknown", CLOCK.instant());

    dispatch();

    // seconds after the claim, far within the 5 minutes of stuck-after
    assertThat(status("lease:dead")).isEqualTo("SENT");
    assertThat(status("lease:never")).isEqualTo("SENT");
    assertThat(received("被杀实例认领的回复")).isEqualTo(1);
    assertThat(received("无租约实例认领的回复")).isEqualTo(1);

    dispatch();
    assertThat(received("被杀实例认领的回复")).as("sent once").isEqualTo(1);
  }

  @Test
  void aLiveInstancesClaimIsNotTakenUntilItsLeaseLapses() throws Exception {
    queue("lease:alive", "存活实例认领的回复");
    execute(
        "insert into dispatcher_lease (instance, alive_until)"
            + " values ('other-alive', now() + interval '1 minute')");
    claimedBy("lease:alive", "other-alive", CLOCK.instant());

    dispatch();
    CLOCK.advance(Duration.ofMinutes(1));
    dispatch();

    assertThat(status("lease:alive")).isEqualTo("SENDING");
    assertThat(claimer("lease:alive")).isEqualTo("other-alive");
    assertThat(received("存活实例认领的回复")).isZero();

    // the other instance stops renewing: its lease lapses by the database's clock
    execute("update dispatcher_lease set alive_until = now() where instance = 'other-alive'");
    dispatch();

    assertThat(status("lease:alive")).isEqualTo("SENT");
    assertThat(received("存活实例认领的回复")).isEqualTo(1);
  }

  @Test
  void aLiveButStuckInstancesClaimIsTakenAfterStuckAfter() throws Exception {
    queue("lease:stuck", "卡住实例认领的回复");
    queue("lease:legacy", "未记实例的认领");
    execute(
        "insert into dispatcher_lease (instance, alive_until)"
            + " values ('other-stuck', now() + interval '1 hour')");
    claimedBy("lease:stuck", "other-stuck", CLOCK.instant());
    claimedBy("lease:legacy", null, CLOCK.instant());

    dispatch();
    assertThat(received("卡住实例认领的回复")).isZero();
    assertThat(received("未记实例的认领")).as("a claim naming no instance is not judged").isZero();

    CLOCK.advance(properties.stuckAfter().plusSeconds(1));
    dispatch();

    assertThat(status("lease:stuck")).isEqualTo("SENT");
    assertThat(status("lease:legacy")).isEqualTo("SENT");
    assertThat(received("卡住实例认领的回复")).isEqualTo(1);
    assertThat(received("未记实例的认领")).isEqualTo(1);
  }

  @Test
  void anInstanceThatStopsRenewingLosesItsClaimsWithinSecondsOfItsLease() throws Exception {
    queue("lease:short", "短租约实例认领的回复");
    // another instance, as the dispatcher would make it, with a lease of one second, claims the
    // message and then is silent (killed after its claim committed)
    DispatcherLease other = new DispatcherLease(db, Duration.ofSeconds(1), "other-short");
    List<OutboxMessage> claimed =
        repository
            .claim(CLOCK.instant(), CLOCK.instant().minus(properties.stuckAfter()), 10, other)
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(claimed).extracting(OutboxMessage::dedupeKey).containsExactly("lease:short");
    long silentSince = System.nanoTime();

    dispatch();
    assertThat(received("短租约实例认领的回复")).as("its lease still holds").isZero();

    Duration takenAfter = null;
    while (System.nanoTime() - silentSince < Duration.ofSeconds(10).toNanos()) {
      dispatch();
      if (received("短租约实例认领的回复") > 0) {
        takenAfter = Duration.ofNanos(System.nanoTime() - silentSince);
        break;
      }
      Thread.sleep(100); // the database's clock cannot be moved: the lease lapses in real time
    }
    assertThat(takenAfter).as("taken over").isNotNull();
    assertThat(takenAfter).isLessThan(Duration.ofSeconds(5));
    assertThat(status("lease:short")).isEqualTo("SENT");
    assertThat(claimer("lease:short")).isEqualTo(lease.instance());
    assertThat(received("短租约实例认领的回复")).isEqualTo(1);

    // this instance's own lease, renewed by its claims, is counted on the database's clock (the
    // service clock is in 2024)
    assertThat(
            text(
                "select alive_until > now() + interval '5 seconds' from dispatcher_lease"
                    + " where instance = '"
                    + lease.instance()
                    + "'"))
        .isEqualTo("t");
    assertThat(lease.holds()).isTrue();
  }

  @Test
  void aRedriveWakesThisInstanceAndNotifiesTheOthers() throws Exception {
    queue("lease:redrive", "重新发送的消息");
    execute(
        "update outbox_message set status = 'DEAD', attempts = 3 where dedupe_key = 'lease:redrive'");
    List<Boolean> woken = new CopyOnWriteArrayList<>();
    Disposable listening = wakeUp.signals().subscribe(woken::add);
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("LISTEN " + OutboxListener.CHANNEL);
      PGConnection pg = c.unwrap(PGConnection.class);
      pg.getNotifications(100); // nothing before

      web.post()
          .uri("/api/v1/outbox/" + id("lease:redrive") + "/redrive")
          .header("Authorization", "Bearer test-admin-token")
          .exchange()
          .expectStatus()
          .isOk();

      PGNotification[] notified = pg.getNotifications(5000);
      assertThat(notified).as("NOTIFY for the other instances").isNotNull().isNotEmpty();
      assertThat(notified[0].getName()).isEqualTo(OutboxListener.CHANNEL);
    } finally {
      listening.dispose();
    }
    assertThat(woken).as("this instance's dispatcher woken").isNotEmpty();
    dispatch();
    assertThat(received("重新发送的消息")).isEqualTo(1);
  }

  @Test
  void thisInstanceIgnoresTheNotificationOfItsOwnQueuingButHearsAnotherSessions() throws Exception {
    List<Boolean> heard = new CopyOnWriteArrayList<>();
    Disposable listening = listener.signals().subscribe(heard::add);
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("LISTEN " + OutboxListener.CHANNEL);
      PGConnection pg = c.unwrap(PGConnection.class);
      pg.getNotifications(300);
      heard.clear(); // "listening" on subscribing

      queue("lease:own", "本实例排队的消息");
      PGNotification[] own = pg.getNotifications(5000);
      assertThat(own).as("the others are told").isNotNull().isNotEmpty();
      assertThat(own[0].getParameter())
          .as("naming this instance's connections")
          .startsWith("duban-");

      // another session queues (due in an hour: nothing to send now); PostgreSQL delivers
      // notifications in commit order, so once this one is heard, the first would have been heard
      // before it
      st.execute(
          "insert into outbox_message (dedupe_key, platform, bot_id, channel, target, destination,"
              + " rate_key, payload, status, attempts, next_attempt_at, created_at)"
              + " values ('lease:elsewhere', 'WECOM', 'w9', 'WEBHOOK', '', 'x', 'x', '{}',"
              + " 'PENDING', 0, now() + interval '1 hour', now())");
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (heard.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(heard).as("another session's queuing wakes it, its own does not again").hasSize(1);
    } finally {
      listening.dispose();
    }
  }

  private void queue(String key, String text) {
    outbox
        .enqueue(
            Destination.webhook(Platform.WECOM, "w9"), OutboundMessage.text(text, List.of()), key)
        .block(Duration.ofSeconds(10));
  }

  private void dispatch() {
    dispatcher.dispatchDue().block(Duration.ofSeconds(30));
  }

  private static long received(String text) {
    return PLATFORM.received().stream().filter(r -> r.body().contains(text)).count();
  }

  private static void claimedBy(String key, String instance, Instant at) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement st =
            c.prepareStatement(
                "update outbox_message set status = 'SENDING', claimed_by = ?, claimed_at = ?"
                    + " where dedupe_key = ?")) {
      st.setString(1, instance);
      st.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
      st.setString(3, key);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  private static String status(String key) throws SQLException {
    return text("select status from outbox_message where dedupe_key = '" + key + "'");
  }

  private static String claimer(String key) throws SQLException {
    return text("select claimed_by from outbox_message where dedupe_key = '" + key + "'");
  }

  private static long id(String key) throws SQLException {
    return Long.parseLong(text("select id from outbox_message where dedupe_key = '" + key + "'"));
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
