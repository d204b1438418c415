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
import io.duban.chat.StreamPresence;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox against a fake platform: once per dedupe key, retries with backoff on 5xx, timeouts
 * and busy codes, DEAD after the last attempt and redrive by an admin, rate limits held in the
 * database, replies on the platform's reply URL while it is valid. Time moves by hand.
 */
@QuietSpringTest
class OutboxDispatcherTest {

  static final OwnDatabase DB = QuietService.DB;
  static final FakePlatformServer PLATFORM = QuietService.PLATFORM;
  static final Instant START = Instant.parse("2024-06-06T02:00:00Z");
  static final MovableClock CLOCK = QuietService.CLOCK;

  @BeforeAll
  static void fresh(@Autowired QuietService quiet) throws SQLException {
    quiet.reset(START);
  }

  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired WebTestClient web;
  @Autowired TransactionalOperator tx;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired org.springframework.context.ApplicationEventPublisher events;

  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * How many requests the platform had received when this test began: the platform and its robots'
   * keys are shared by every quiet class (DeliveryVisibleTest sends to k1), so a count of all it
   * ever received depends on which classes ran before.
   */
  private int before;

  @BeforeEach
  void markPlatform() {
    before = PLATFORM.received().size();
  }

  /** Requests of this test whose path and query contain {@code fragment}. */
  private List<FakePlatformServer.Recorded> receivedWith(String fragment) {
    return sinceMark().stream().filter(r -> r.uri().contains(fragment)).toList();
  }

  /** Requests of this test whose path starts with {@code pathPrefix}. */
  private List<FakePlatformServer.Recorded> received(String pathPrefix) {
    return sinceMark().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  private List<FakePlatformServer.Recorded> sinceMark() {
    List<FakePlatformServer.Recorded> all = PLATFORM.received();
    return all.subList(before, all.size());
  }

  private static Destination robot(String bot) {
    return Destination.webhook(Platform.WECOM, bot);
  }

  private long dispatch() {
    return dispatcher.dispatchDue().block(Duration.ofSeconds(30));
  }

  @Test
  void sendsEachDedupeKeyOnce() throws Exception {
    assertThat(
            outbox.enqueue(robot("w1"), OutboundMessage.text("本周周报", List.of()), "t1:once").block())
        .isEqualTo(1);
    assertThat(
            outbox.enqueue(robot("w1"), OutboundMessage.text("本周周报", List.of()), "t1:once").block())
        .isZero();

    dispatch();
    dispatch();

    assertThat(receivedWith("key=k1"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.body())
                    .isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\"本周周报\"}}"));
    assertThat(row("t1:once")).containsExactly("SENT", "1");
  }

  @Test
  void retriesServerErrorsWithGrowingBackoffThenSends() throws Exception {
    PLATFORM
        .answer("/cgi-bin/webhook/send?key=k2", 502, "")
        .answer("/cgi-bin/webhook/send?key=k2", 503, "");
    outbox.enqueue(robot("w2"), OutboundMessage.text("提醒", List.of()), "t2:retry").block();
    Instant start = CLOCK.instant();

    dispatch();
    assertThat(row("t2:retry")).containsExactly("PENDING", "1");
    assertThat(nextAttempt("t2:retry"))
        .isBetween(start.plusMillis(22_500), start.plusMillis(37_500));

    dispatch();
    assertThat(receivedWith("key=k2")).as("not due yet").hasSize(1);

    CLOCK.advance(Duration.ofSeconds(40));
    dispatch();
    assertThat(row("t2:retry")).containsExactly("PENDING", "2");
    Instant second = CLOCK.instant();
    assertThat(nextAttempt("t2:retry")).isBetween(second.plusSeconds(45), second.plusSeconds(75));

    CLOCK.advance(Duration.ofSeconds(80));
    dispatch();
    assertThat(row("t2:retry")).containsExactly("SENT", "3");
    assertThat(receivedWith("key=k2")).hasSize(3);
  }

  @Test
  void aPlatformThatDoesNotAnswerIsRetriedLater() throws Exception {
    PLATFORM.hang("/cgi-bin/webhook/send?key=k3");
    outbox.enqueue(robot("w3"), OutboundMessage.text("提醒", List.of()), "t3:timeout").block();

    dispatch();

    assertThat(row("t3:timeout")).containsExactly("PENDING", "1");
    assertThat(lastError("t3:timeout")).contains("no answer").doesNotContain("k3");
  }

  @Test
  void aRateLimitRefusalWaitsForTheRobotsWindowWithoutUsingAnAttempt() throws Exception {
    // three refusals in a row: as many as this context's max-attempts (w1: its other test leaves
    // nothing queued that would come due with these)
    for (int i = 0; i < 3; i++) {
      PLATFORM.answer(
          "/cgi-bin/webhook/send?key=k1",
          200,
          "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
    }
    for (int i = 1; i <= 3; i++) {
      outbox.enqueue(robot("w1"), OutboundMessage.text("限流" + i, List.of()), "t13:" + i).block();
    }
    Instant start = CLOCK.instant();

    dispatch();
    assertThat(receivedWith("key=k1")).as("the rest are not sent into a full window").hasSize(1);
    for (int i = 1; i <= 3; i++) {
      assertThat(row("t13:" + i)).containsExactly("PENDING", "0");
      assertThat(nextAttempt("t13:" + i)).isAfterOrEqualTo(start.plusSeconds(60));
    }
    assertThat(lastError("t13:1")).contains("45009").doesNotContain("k1");

    // the robot's window is taken as full since the refusal: a new message waits for it too
    CLOCK.advance(Duration.ofSeconds(10));
    outbox.enqueue(robot("w1"), OutboundMessage.text("限流4", List.of()), "t13:4").block();
    dispatch();
    assertThat(receivedWith("key=k1")).hasSize(1);
    assertThat(nextAttempt("t13:4")).isAfterOrEqualTo(start.plusSeconds(60));

    // a refusal a window later each time: the first message is tried once per window
    for (int i = 0; i < 2; i++) {
      CLOCK.advance(Duration.ofSeconds(61));
      dispatch();
    }
    assertThat(receivedWith("key=k1")).hasSize(3);
    assertThat(row("t13:1")).as("refusals are no attempts").containsExactly("PENDING", "0");

    CLOCK.advance(Duration.ofSeconds(61));
    dispatch();
    assertThat(receivedWith("key=k1"))
        .extracting(r -> json.readTree(r.body()).path("text").path("content").asString())
        .containsExactly("限流1", "限流1", "限流1", "限流1", "限流2", "限流3", "限流4");
    for (int i = 1; i <= 4; i++) {
      assertThat(row("t13:" + i)).containsExactly("SENT", "1");
    }
  }

  @Test
  void becomesDeadAfterTheLastAttemptAndAnAdminCanRedriveIt() throws Exception {
    for (int i = 0; i < 3; i++) {
      PLATFORM.answer(
          "/cgi-bin/webhook/send?key=k4", 200, "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
    }
    outbox.enqueue(robot("w4"), OutboundMessage.text("催办", List.of()), "t4:dead").block();
    for (int i = 0; i < 3; i++) {
      dispatch();
      CLOCK.advance(Duration.ofMinutes(10));
    }
    assertThat(row("t4:dead")).containsExactly("DEAD", "3");
    assertThat(lastError("t4:dead")).contains("errcode -1");
    long id = id("t4:dead");

    web.get()
        .uri("/api/v1/outbox?status=DEAD")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.dedupeKey == 't4:dead')].attempts")
        .isEqualTo(3);
    web.get()
        .uri("/api/v1/outbox?status=LOST")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.post()
        .uri("/api/v1/outbox/" + id + "/redrive")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isForbidden();

    web.post()
        .uri("/api/v1/outbox/" + id + "/redrive")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("PENDING")
        .jsonPath("$.attempts")
        .isEqualTo(0);
    dispatch();
    assertThat(row("t4:dead")).containsExactly("SENT", "1");
    web.post()
        .uri("/api/v1/outbox/" + id + "/redrive")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isEqualTo(409);

    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select actor, action, subject from admin_audit where subject = 'outbox:"
                    + id
                    + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("action")).isEqualTo("OUTBOX_REDRIVE");
      assertThat(rs.getString("actor")).isNotBlank().isNotEqualTo("system");
      assertThat(rs.next()).as("the refused redrive changed nothing").isFalse();
    }
  }

  @Test
  void aPermanentRefusalIsDeadAtOnce() throws Exception {
    PLATFORM.answer(
        "/cgi-bin/webhook/send?key=k5",
        200,
        "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
    outbox.enqueue(robot("w5"), OutboundMessage.text("x", List.of()), "t5:permanent").block();

    dispatch();

    assertThat(row("t5:permanent")).containsExactly("DEAD", "1");
  }

  @Test
  void aMessageOnlyAnotherInstanceCanSendWaitsForItWithoutUsingAnAttempt() throws Exception {
    // w12 is a stream smart bot whose long connection this instance does not hold
    Destination group = outbox.groupDestination(Platform.WECOM, "w12", "wrc-quiet");
    assertThat(group.channel()).isEqualTo(Destination.Channel.CHAT);
    outbox.enqueue(group, OutboundMessage.text("【催报】", List.of()), "t12:elsewhere").block();
    Instant start = CLOCK.instant();

    dispatch();
    dispatch();
    assertThat(row("t12:elsewhere")).containsExactly("PENDING", "0");
    assertThat(lastError("t12:elsewhere")).contains("holds no long connection");
    // no instance holds it either: the first wait of the backoff, 2 s give or take its jitter
    assertThat(nextAttempt("t12:elsewhere"))
        .isBetween(start.plusMillis(1_500), start.plusMillis(2_500));

    for (int i = 0; i < 10; i++) {
      CLOCK.advance(Duration.ofSeconds(80));
      dispatch();
    }
    assertThat(row("t12:elsewhere")).as("never DEAD for it").containsExactly("PENDING", "0");
  }

  /**
   * While no instance holds the bot's connection (the bot is down), a message only its holder can
   * send comes back later with each bounce, up to about a minute, instead of every 2 s; the
   * connection opening makes it due at once; while a holder is connected it is back in 2 s.
   */
  @Test
  void aMessageForABotConnectedNowhereBacksOffUntilItsConnectionOpens() throws Exception {
    Destination group = outbox.groupDestination(Platform.WECOM, "w12", "wrc-down");
    outbox.enqueue(group, OutboundMessage.text("【周报】", List.of()), "t12:down").block();
    List<Duration> waits = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Instant before = CLOCK.instant();
      dispatch();
      Instant next = nextAttempt("t12:down");
      waits.add(Duration.between(before, next));
      CLOCK.advance(Duration.between(before, next).plusMillis(1));
    }
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(2_500));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(6_000), Duration.ofMillis(10_000));
    assertThat(waits.subList(6, 8))
        .as("capped at a minute, give or take its jitter")
        .allSatisfy(w -> assertThat(w).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75)));
    assertThat(row("t12:down")).containsExactly("PENDING", "0");

    // the bot's connection opens (on this instance): the message is due now, not in a minute
    Instant opened = CLOCK.instant();
    events.publishEvent(new StreamPresence.Connected(Platform.WECOM, "w12"));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !nextAttempt("t12:down").isAfter(opened));

    // another instance holds it connected: back in 2 s, the bounce count started again
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into stream_lease (platform, bot_id, owner, expires_at, connected)"
              + " values ('WECOM', 'w12', 'other-instance', now() + interval '1 hour', true)"
              + " on conflict (platform, bot_id) do update set owner = excluded.owner,"
              + " expires_at = excluded.expires_at, connected = true");
    }
    try {
      dispatch();
      assertThat(nextAttempt("t12:down")).isEqualTo(CLOCK.instant().plusSeconds(2));
      assertThat(bounces("t12:down")).isZero();
    } finally {
      try (Connection c = DB.connect();
          Statement st = c.createStatement()) {
        st.execute("delete from stream_lease where bot_id = 'w12'");
      }
    }
  }

  private static int bounces(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select elsewhere_bounces from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void holdsTheWeComRobotLimitOfTwentyAMinute() throws Exception {
    for (int i = 1; i <= 25; i++) {
      outbox
          .enqueue(robot("w6"), OutboundMessage.text("第" + i + "条", List.of()), "t6:" + i)
          .block();
    }
    Instant start = CLOCK.instant();

    dispatch();
    assertThat(receivedWith("key=k6")).hasSize(20);
    assertThat(nextAttempt("t6:21")).isEqualTo(start.plusSeconds(60));
    assertThat(nextAttempt("t6:25")).isEqualTo(start.plusSeconds(60));

    CLOCK.advance(Duration.ofSeconds(30));
    dispatch();
    assertThat(receivedWith("key=k6")).hasSize(20);

    CLOCK.advance(Duration.ofSeconds(31));
    dispatch();
    assertThat(receivedWith("key=k6")).hasSize(25);
    assertThat(row("t6:25")).containsExactly("SENT", "1");
  }

  @Test
  void putsOffEachMessageWaitingForAFullRobotToWhenAPermitFreesForIt() throws Exception {
    Instant start = CLOCK.instant();
    for (int i = 1; i <= 10; i++) {
      enqueue("w10", "t10:" + i);
    }
    dispatch();
    CLOCK.advance(Duration.ofSeconds(30));
    for (int i = 11; i <= 32; i++) {
      enqueue("w10", "t10:" + i);
    }
    dispatch();
    assertThat(receivedWith("key=k10")).hasSize(20);

    // ten permits free a minute after the first ten sends, ten more thirty seconds later
    assertThat(nextAttempt("t10:21")).isEqualTo(start.plusSeconds(60));
    assertThat(nextAttempt("t10:30")).isEqualTo(start.plusSeconds(60));
    assertThat(nextAttempt("t10:31")).isEqualTo(start.plusSeconds(90));
    assertThat(nextAttempt("t10:32")).isEqualTo(start.plusSeconds(90));

    CLOCK.advance(Duration.ofSeconds(31));
    dispatch();
    assertThat(receivedWith("key=k10")).hasSize(30);
    assertThat(row("t10:31")).containsExactly("PENDING", "0");

    CLOCK.advance(Duration.ofSeconds(30));
    dispatch();
    assertThat(receivedWith("key=k10")).hasSize(32);
  }

  private void enqueue(String bot, String key) {
    outbox.enqueue(robot(bot), OutboundMessage.text(key, List.of()), key).block();
  }

  @Test
  void holdsTheFeishuLimitOfFiveASecond() {
    for (int i = 1; i <= 7; i++) {
      outbox
          .enqueue(
              Destination.webhook(Platform.FEISHU, "f1"),
              OutboundMessage.text("m" + i, List.of()),
              "t7:" + i)
          .block();
    }

    dispatch();
    assertThat(received("/open-apis/bot/v2/hook/hook-f1")).hasSize(5);

    CLOCK.advance(Duration.ofSeconds(1));
    dispatch();
    assertThat(received("/open-apis/bot/v2/hook/hook-f1")).hasSize(7);
  }

  @Test
  void repliesOnTheReplyUrlWhileItIsValidElseThroughTheBot() {
    String replyUrl = PLATFORM.baseUrl() + "/cgi-bin/webhook/send?key=from-callback";
    InboundMessage fresh = inbound(replyUrl, CLOCK.instant().plusSeconds(3600));
    InboundMessage stale = inbound(replyUrl, CLOCK.instant().minusSeconds(1));

    outbox.reply(fresh, "已登记：1.2 进度60%", "reply:1").block();
    outbox.reply(stale, "已登记：1.3 进度40%", "reply:2").block();
    dispatch();

    assertThat(receivedWith("key=from-callback"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("1.2 进度60%"));
    assertThat(receivedWith("key=k7"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("1.3 进度40%"));
  }

  @Test
  void answersThroughTheBotWhenAMessagesReplyUrlIsNotOnTheBotsHosts() {
    double refused = refusedReplyUrls("w11");
    // the fake platform is on loopback, which only w7 and w9 were told to trust
    String redirected = PLATFORM.baseUrl() + "/cgi-bin/webhook/send?key=redirected";
    outbox
        .reply(inbound("w11", redirected, CLOCK.instant().plusSeconds(3600)), "已登记：1.4", "r11:1")
        .block();
    outbox
        .reply(
            inbound("w11", "https://qyapi.weixin.qq.com.evil.example/send?key=x", null),
            "已登记：1.5",
            "r11:2")
        .block();
    dispatch();

    assertThat(receivedWith("key=redirected")).isEmpty();
    assertThat(receivedWith("key=k11"))
        .extracting(FakePlatformServer.Recorded::body)
        .anySatisfy(b -> assertThat(b).contains("1.4"))
        .anySatisfy(b -> assertThat(b).contains("1.5"));
    assertThat(refusedReplyUrls("w11")).isEqualTo(refused + 2);
  }

  private double refusedReplyUrls(String bot) {
    var counter = meters.find("duban.chat.reply_url.refused").tag("bot", bot).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void repliesInATransactionAreQueuedInOrderWhenItCommitsAndNotWhenItRollsBack() throws Exception {
    InboundMessage source = inbound("w9", null, null);
    tx.transactional(
            outbox
                .reply(source, "第一条", "tx:1")
                .then(outbox.reply(source, "第二条", "tx:2"))
                .then(outbox.reply(source, "第一条又一次", "tx:1")))
        .block(Duration.ofSeconds(10));
    assertThatThrownBy(
            () ->
                tx.transactional(
                        outbox
                            .reply(source, "回滚", "tx:3")
                            .then(Mono.error(new IllegalStateException("handling failed"))))
                    .block(Duration.ofSeconds(10)))
        .hasMessageContaining("handling failed");

    assertThat(row("tx:1")).containsExactly("PENDING", "0");
    assertThat(row("tx:2")).containsExactly("PENDING", "0");
    assertThat(id("tx:1")).isLessThan(id("tx:2"));
    assertThat(count("tx:3")).isZero();
    dispatch();
    assertThat(receivedWith("key=k9"))
        .extracting(r -> json.readTree(r.body()).path("text").path("content").asString())
        .containsSubsequence("第一条", "第二条")
        .doesNotContain("第一条又一次", "回滚");
  }

  @Test
  void splitsALongTextIntoPartsWithinWeComsByteLimit() {
    String line = "督办事项进展说明".repeat(10); // 240 bytes
    String text = String.join("\n", java.util.Collections.nCopies(20, line)); // ~4.8 KB

    int parts =
        outbox
            .enqueue(robot("w8"), OutboundMessage.text(text, List.of("zhang.wei")), "t8:long")
            .block();
    dispatch();

    assertThat(parts).isGreaterThanOrEqualTo(3);
    List<FakePlatformServer.Recorded> sent = receivedWith("key=k8");
    assertThat(sent).hasSize(parts);
    for (FakePlatformServer.Recorded r : sent) {
      String content = json.readTree(r.body()).path("text").path("content").asString();
      assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
    }
    assertThat(sent.get(0).body()).contains("mentioned_list");
    assertThat(sent.get(1).body()).doesNotContain("mentioned_list");
  }

  private static InboundMessage inbound(String replyUrl, Instant expires) {
    return inbound("w7", replyUrl, expires);
  }

  private static InboundMessage inbound(String bot, String replyUrl, Instant expires) {
    return new InboundMessage(
        1,
        Platform.WECOM,
        bot,
        "m1",
        "wrkGroup",
        ChatType.GROUP,
        "zhang.wei",
        "张伟",
        MessageKind.TEXT,
        "1.2 进度60%",
        CLOCK.instant(),
        replyUrl,
        expires);
  }

  private static List<String> row(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select status, attempts from outbox_message where dedupe_key = '" + key + "'")) {
      assertThat(rs.next()).as("row " + key).isTrue();
      return List.of(rs.getString(1), rs.getString(2));
    }
  }

  private static Instant nextAttempt(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select next_attempt_at from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private static String lastError(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select last_error from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long count(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long id(String key) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select id from outbox_message where dedupe_key = '" + key + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
