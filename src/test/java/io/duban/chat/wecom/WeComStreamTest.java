package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.ReplyUrls;
import io.duban.chat.SendFailure;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * A WeCom smart bot in stream mode against {@link FakeWeComStreamServer}: it subscribes with its
 * Bot ID and Secret, stores each pushed message with the HTTP callback's dedupe key (its msgid)
 * once, answers down the connection with the callback's req_id, leaves a server that stops
 * answering pings, and does not fight a newer connection that displaced it. A bot with a wrong
 * Secret is refused and backs off rather than trying again in a tight loop.
 */
@DubanSpringTest
class WeComStreamTest {

  static final String AIBOT_ID = "aib-stream-5e1";
  static final String AIBOT_SECRET = "aibot-secret-77c0";
  static final FakeWeComStreamServer SERVER = new FakeWeComStreamServer(AIBOT_ID, AIBOT_SECRET);
  static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired DatabaseClient db;
  @Autowired MeterRegistry meters;
  @Autowired WeComSender sender;
  @Autowired ReplyUrls replyUrls;
  @Autowired WebTestClient web;

  @DynamicPropertySource
  static void streamBots(DynamicPropertyRegistry registry) {
    registry.add("duban.chat.wecom[0].id", () -> "wecom-stream");
    registry.add("duban.chat.wecom[0].kind", () -> "smart-bot");
    registry.add("duban.chat.wecom[0].mode", () -> "stream");
    registry.add("duban.chat.wecom[0].aibot-id", () -> AIBOT_ID);
    registry.add("duban.chat.wecom[0].aibot-secret", () -> AIBOT_SECRET);
    registry.add("duban.chat.wecom[0].stream-url", SERVER::url);
    registry.add("duban.chat.wecom[1].id", () -> "wecom-wrong");
    registry.add("duban.chat.wecom[1].kind", () -> "smart-bot");
    registry.add("duban.chat.wecom[1].mode", () -> "stream");
    registry.add("duban.chat.wecom[1].aibot-id", () -> "aib-wrong");
    registry.add("duban.chat.wecom[1].aibot-secret", () -> "not-the-secret");
    registry.add("duban.chat.wecom[1].stream-url", SERVER::url);
    registry.add("duban.chat.stream.lease-ttl", () -> "3s");
    registry.add("duban.chat.stream.lease-renew", () -> "1s");
    registry.add("duban.chat.stream.reconnect-initial", () -> "100ms");
    registry.add("duban.chat.stream.reconnect-max", () -> "2s");
    registry.add("duban.chat.stream.heartbeat", () -> "300ms");
    registry.add("duban.chat.stream.silence-timeout", () -> "1500ms");
    registry.add("duban.chat.stream.down-threshold", () -> "2s");
  }

  @AfterAll
  static void stopServer() {
    SERVER.close();
  }

  static String message(String msgId, String text) {
    return "{\"msgid\":\""
        + msgId
        + "\",\"aibotid\":\""
        + AIBOT_ID
        + "\",\"chatid\":\"wrc-stream\",\"chattype\":\"group\",\"from\":{\"userid\":\"wangwu\"},"
        + "\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 "
        + text
        + "\"}}";
  }

  @Test
  void subscribesWithItsBotIdAndSecretAndPingsTheServer() {
    await().atMost(WAIT).until(SERVER::connected);
    int pings = SERVER.pings();
    await().atMost(WAIT).until(() -> SERVER.pings() >= pings + 2);
    assertThat(meters.get("duban.stream.connected").tag("bot", "wecom-stream").gauge().value())
        .isEqualTo(1.0);
    // the other per-bot gauges operations.md names: the lease holder, and the ping answers heard
    await().atMost(WAIT).until(() -> gauge("duban.stream.owner", "wecom-stream") == 1.0);
    await().atMost(WAIT).until(() -> gauge("duban.stream.last.message.age", "wecom-stream") < 1.0);
    assertThat(meters.get("duban.stream.reconnects").tag("bot", "wecom-stream").counter())
        .isNotNull();
  }

  @Test
  void aWrongSecretIsRefusedAndBacksOffWithoutATightLoop() {
    await().atMost(WAIT).until(() -> SERVER.refused("aib-wrong") >= 1);
    int before = SERVER.refused("aib-wrong");
    await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
    int during = SERVER.refused("aib-wrong") - before;
    // 100 ms doubling to 2 s: at most a handful in 4 s; a reset backoff would make about 40
    assertThat(during).isBetween(1, 10);
    assertThat(meters.get("duban.stream.connected").tag("bot", "wecom-wrong").gauge().value())
        .isZero();
  }

  @Test
  void aBotDownPastTheThresholdIsReportedWithoutTakingTheInstanceOutOfReadiness() {
    // wecom-wrong never subscribes: down on every instance after 2 s, wecom-stream connected
    await()
        .atMost(WAIT)
        .until(() -> gauge("duban.stream.down", "wecom-wrong") == 1.0 && SERVER.connected());
    await().atMost(WAIT).until(() -> gauge("duban.stream.down", "wecom-stream") == 0.0);
    assertThat(gauge("duban.stream.unconnected.seconds", "wecom-wrong")).isGreaterThan(2.0);

    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }

  @Test
  void storesAPushedMessageOnceWithTheCallbacksDedupeKeyAndAReplyHandle() {
    await().atMost(WAIT).until(SERVER::connected);
    String body = message("stream-m-1", "3 已完成");

    String reqId = SERVER.push(body);
    SERVER.push(body);

    await().atMost(WAIT).until(() -> rows("stream-m-1") == 1);
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> true);
    assertThat(rows("stream-m-1")).isOne();
    Map<String, Object> row = row("stream-m-1");
    assertThat(row)
        .containsEntry("text", "3 已完成")
        .containsEntry("sender_id", "wangwu")
        .containsEntry("chat_id", "wrc-stream")
        .containsEntry("reply_url", "wecom-stream://aibot/" + reqId);
  }

  @Test
  void answersDownTheConnectionWithTheCallbacksReqIdOnceTheRowIsCommitted() throws Exception {
    await().atMost(WAIT).until(SERVER::connected);
    String reqId;
    try (Connection holder = TestDatabase.connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE inbound_message IN EXCLUSIVE MODE");
      reqId = SERVER.push(message("stream-answer-1", "1.2 材料已报送"));
      // the insert waits for the lock: no row, so nothing to answer yet
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
      assertThat(answersTo(reqId)).isEmpty();
      holder.rollback();
    }
    await().atMost(WAIT).until(() -> rows("stream-answer-1") == 1);
    String handle = (String) row("stream-answer-1").get("reply_url");
    // the outbox answers on the reply URL only when it is one of the bot's reply hosts
    assertThat(replyUrls.usable(Platform.WECOM, "wecom-stream", handle)).isTrue();

    StepVerifier.create(
            sender.reply(
                Optional.empty(),
                new Destination(
                    Platform.WECOM, "wecom-stream", Destination.Channel.REPLY_URL, handle),
                OutboundMessage.text("已记录：1.2 材料已报送", List.of())))
        .expectComplete()
        .verify(WAIT);

    JsonNode answer =
        answersTo(reqId).stream()
            .filter(
                a ->
                    "已记录：1.2 材料已报送"
                        .equals(a.path("body").path("stream").path("content").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(answer.path("cmd").asString()).isEqualTo("aibot_respond_msg");
    assertThat(answer.path("body").path("msgtype").asString()).isEqualTo("stream");
    assertThat(answer.path("body").path("stream").path("finish").asBoolean()).isTrue();
  }

  @Test
  void pushesAProactiveMessageToAChatAsMarkdownDownTheConnection() {
    await().atMost(WAIT).until(SERVER::connected);
    // reminders, escalations and digests reach a stream smart bot's group by its chat id
    Destination group = sender.groupDestination("wecom-stream", "wrc-stream");
    assertThat(group.channel()).isEqualTo(Destination.Channel.CHAT);
    int sent = SERVER.sent().size();

    StepVerifier.create(
            sender.send(group, OutboundMessage.text("【催报】请报送 1.2 本周进展", List.of("wangwu"))))
        .expectComplete()
        .verify(WAIT);

    JsonNode frame = SERVER.sent().get(sent);
    assertThat(frame.path("cmd").asString()).isEqualTo("aibot_send_msg");
    assertThat(frame.path("headers").path("req_id").asString()).startsWith("aibot_send_msg_");
    assertThat(frame.path("body").path("chatid").asString()).isEqualTo("wrc-stream");
    assertThat(frame.path("body").path("msgtype").asString()).isEqualTo("markdown");
    assertThat(frame.path("body").path("markdown").path("content").asString())
        .isEqualTo("【催报】请报送 1.2 本周进展\n<@wangwu>");
  }

  @Test
  void pushesToPeopleInTheirOneToOneChats() {
    await().atMost(WAIT).until(SERVER::connected);
    int sent = SERVER.sent().size();

    StepVerifier.create(
            sender.send(
                new Destination(
                    Platform.WECOM, "wecom-stream", Destination.Channel.USER, "wangwu|zhaoliu"),
                OutboundMessage.markdown("督办提醒", "**1.2** 已逾期")))
        .expectComplete()
        .verify(WAIT);

    assertThat(SERVER.sent().subList(sent, SERVER.sent().size()))
        .extracting(f -> f.path("body").path("chatid").asString())
        .containsExactly("wangwu", "zhaoliu");
  }

  /**
   * The digest chart to a stream smart bot's group: uploaded over the connection in 512 KB chunks
   * (this picture takes two), then pushed as an {@code image} naming the media_id WeCom answered.
   */
  @Test
  void pushesAPictureToAGroupAfterUploadingItOverTheConnection() {
    await().atMost(WAIT).until(SERVER::connected);
    int sent = SERVER.sent().size();
    byte[] png = new byte[700 * 1024];
    new java.util.Random(19).nextBytes(png);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);

    StepVerifier.create(
            sender.send(
                Destination.chat(Platform.WECOM, "wecom-stream", "wrc-stream"),
                new OutboundMessage(
                    OutboundMessage.Format.IMAGE,
                    "周报图表",
                    java.util.Base64.getEncoder().encodeToString(png),
                    List.of())))
        .expectComplete()
        .verify(WAIT);

    JsonNode frame = SERVER.sent().get(sent);
    assertThat(frame.path("cmd").asString()).isEqualTo("aibot_send_msg");
    assertThat(frame.path("body").path("chatid").asString()).isEqualTo("wrc-stream");
    assertThat(frame.path("body").path("msgtype").asString()).isEqualTo("image");
    assertThat(SERVER.media(frame.path("body").path("image").path("media_id").asString()))
        .isEqualTo(png);
  }

  @Test
  void refusesAPictureOverWeComsLimitWithoutSendingAnything() {
    await().atMost(WAIT).until(SERVER::connected);
    int sent = SERVER.sent().size();

    StepVerifier.create(
            sender.send(
                Destination.chat(Platform.WECOM, "wecom-stream", "wrc-stream"),
                new OutboundMessage(
                    OutboundMessage.Format.IMAGE,
                    "",
                    java.util.Base64.getEncoder().encodeToString(new byte[11 * 1024 * 1024]),
                    List.of())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(SendFailure.class)
                    .matches(f -> !((SendFailure) f).retryable())
                    .hasMessageContaining("10 MB"))
        .verify(WAIT);
    assertThat(SERVER.sent()).hasSize(sent);
  }

  @Test
  void anInstanceWithoutTheConnectionLeavesTheReplyAndPushesToTheHolder() {
    StepVerifier.create(
            sender.reply(
                Optional.empty(),
                new Destination(
                    Platform.WECOM,
                    "wecom-wrong",
                    Destination.Channel.REPLY_URL,
                    "wecom-stream://aibot/req-elsewhere"),
                OutboundMessage.text("不会经此发送", List.of())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(SendFailure.class)
                    .matches(f -> ((SendFailure) f).retryable())
                    .matches(f -> ((SendFailure) f).elsewhere()))
        .verify(WAIT);
    // a proactive message as well: the instance holding the connection sends it
    StepVerifier.create(
            sender.send(
                Destination.chat(Platform.WECOM, "wecom-wrong", "wrc-elsewhere"),
                OutboundMessage.text("不会经此发送", List.of())))
        .expectErrorSatisfies(e -> assertThat(e).matches(f -> ((SendFailure) f).elsewhere()))
        .verify(WAIT);
  }

  @Test
  void leavesAServerThatStopsAnsweringPingsAndConnectsAgain() {
    await().atMost(WAIT).until(SERVER::connected);
    int connections = SERVER.connections();
    SERVER.stopAnsweringPings();
    try {
      await().atMost(WAIT).until(() -> SERVER.connections() > connections);
    } finally {
      SERVER.answerPings();
    }
    await().atMost(WAIT).until(SERVER::connected);
    SERVER.push(message("stream-after-silence-1", "4 已完成"));
    await().atMost(WAIT).until(() -> rows("stream-after-silence-1") == 1);
  }

  @Test
  void aDisplacedConnectionStandsBackInsteadOfFightingAndReturnsLater() {
    await().atMost(WAIT).until(SERVER::connected);
    await().atMost(WAIT).until(() -> connectedGauge() == 1.0);
    int connections = SERVER.connections();

    SERVER.displace();

    // the lease's time (3 s) without a new subscription: no reconnect fight, and the lease is
    // kept meanwhile, so no other instance of this deployment takes the bot back either
    await().atMost(Duration.ofSeconds(2)).until(() -> !SERVER.connected());
    await()
        .during(Duration.ofMillis(2000))
        .atMost(Duration.ofSeconds(4))
        .until(() -> SERVER.connections() == connections && leaseHeld());
    // afterwards the bot takes its lease again and connects
    await().atMost(WAIT).until(() -> SERVER.connections() > connections);
    await().atMost(WAIT).until(SERVER::connected);
  }

  private boolean leaseHeld() {
    return db.sql(
            "SELECT expires_at > now() AS held FROM stream_lease WHERE platform = 'WECOM'"
                + " AND bot_id = 'wecom-stream'")
        .map(row -> row.get("held", Boolean.class))
        .one()
        .blockOptional(Duration.ofSeconds(10))
        .orElse(false);
  }

  private double gauge(String name, String bot) {
    return meters.get(name).tag("bot", bot).gauge().value();
  }

  private double connectedGauge() {
    return meters.get("duban.stream.connected").tag("bot", "wecom-stream").gauge().value();
  }

  private List<JsonNode> answersTo(String reqId) {
    return SERVER.responses().stream()
        .filter(a -> reqId.equals(a.path("headers").path("req_id").asString()))
        .toList();
  }

  private long rows(String msgId) {
    return db.sql(
            "SELECT count(*) AS n FROM inbound_message WHERE platform = 'WECOM'"
                + " AND bot_id = 'wecom-stream' AND platform_message_id = :m")
        .bind("m", msgId)
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }

  private Map<String, Object> row(String msgId) {
    return db.sql(
            "SELECT * FROM inbound_message WHERE platform = 'WECOM'"
                + " AND bot_id = 'wecom-stream' AND platform_message_id = :m")
        .bind("m", msgId)
        .fetch()
        .one()
        .block(Duration.ofSeconds(10));
  }
}
