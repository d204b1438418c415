package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import io.duban.chat.CardActions;
import io.duban.chat.CardPresses;
import io.duban.chat.Platform;
import io.duban.report.TaskAssignments;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DingTalk bot in stream mode against {@link FakeDingTalkStreamServer}: messages pushed down the
 * connection are stored with the dedupe key of their HTTP form and acknowledged only after commit;
 * a duplicate or a redelivery after a lost ACK is stored once; a gateway that stops answering
 * heartbeats is left for a fresh connection.
 */
@DubanSpringTest
class DingTalkStreamTest {

  static final String APP_KEY = "ding-stream-key-0d41";
  static final String APP_SECRET = "ding-stream-secret-9be2";
  static final FakeDingTalkStreamServer GATEWAY = new FakeDingTalkStreamServer(APP_KEY, APP_SECRET);
  static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired DatabaseClient db;
  @Autowired TaskAssignments assignments;
  @Autowired Acknowledgements acknowledgements;
  @Autowired Clock clock;
  @Autowired MeterRegistry meters;
  @Autowired WebTestClient web;

  @DynamicPropertySource
  static void streamBot(DynamicPropertyRegistry registry) {
    registry.add("duban.chat.dingtalk[0].id", () -> "ding-stream");
    registry.add("duban.chat.dingtalk[0].mode", () -> "stream");
    registry.add("duban.chat.dingtalk[0].app-key", () -> APP_KEY);
    registry.add("duban.chat.dingtalk[0].app-secret", () -> APP_SECRET);
    registry.add("duban.chat.dingtalk[0].api-base-url", GATEWAY::baseUrl);
    registry.add("duban.chat.dingtalk[0].acknowledge-card-template", () -> "ack-tpl.schema");
    registry.add("duban.chat.stream.lease-ttl", () -> "3s");
    registry.add("duban.chat.stream.lease-renew", () -> "1s");
    registry.add("duban.chat.stream.reconnect-initial", () -> "100ms");
    registry.add("duban.chat.stream.reconnect-max", () -> "1s");
    registry.add("duban.chat.stream.heartbeat", () -> "300ms");
    registry.add("duban.chat.stream.silence-timeout", () -> "1500ms");
    registry.add("duban.chat.stream.down-threshold", () -> "2s");
    // readiness turns DOWN for a stream bot only where an operator asks for it
    registry.add("duban.chat.stream.fail-readiness", () -> "true");
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.close();
  }

  static String robotMessage(String msgId, String text) {
    long now = System.currentTimeMillis();
    return DingTalkMessagesTest.ROBOT_MESSAGE
        .replace("msgBqG4sF9aPnuKtQBaWQlPcw==", msgId)
        .replace(" 6 已完成", text)
        .replace("1613630252678", Long.toString(now))
        .replace("1613635652738", Long.toString(now + 5_400_000));
  }

  @Test
  void storesAPushedRobotMessageLikeItsHttpFormAndAcknowledgesItInTheSdkShape() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int acks = GATEWAY.acks().size();

    String messageId = GATEWAY.push(robotMessage("stream-msg-1", " 6 已完成"));

    await().atMost(WAIT).until(() -> GATEWAY.acks().size() > acks);
    Map<String, Object> row = row("stream-msg-1");
    assertThat(row)
        .containsEntry("text", "6 已完成")
        .containsEntry("sender_id", "manager1234")
        .containsEntry("chat_type", "GROUP")
        .containsEntry("reply_url", "https://oapi.dingtalk.com/robot/sendBySession?session=abc");
    JsonNode ack = JsonMapper.builder().build().readTree(GATEWAY.acks().get(acks));
    assertThat(ack.path("code").asInt()).isEqualTo(200);
    assertThat(ack.path("message").asString()).isEqualTo("OK");
    assertThat(ack.path("headers").path("messageId").asString()).isEqualTo(messageId);
    assertThat(ack.path("headers").path("contentType").asString()).isEqualTo("application/json");
    assertThat(ack.path("data").asString()).isEqualTo("{\"response\":null}");
    assertThat(meters.get("duban.stream.connected").tag("bot", "ding-stream").gauge().value())
        .isEqualTo(1.0);
  }

  /** A card callback as DingTalk pushes it: the press's parameters inside {@code content}. */
  static String cardPress(String outTrackId, String userId, String action) {
    String content =
        "{\"cardPrivateData\":{\"actionIds\":[\"ack\"],\"params\":{\"action\":\""
            + action
            + "\",\"chat\":\"cidStreamGroup==\"}}}";
    return JsonMapper.builder()
        .build()
        .writeValueAsString(
            Map.of(
                "extension",
                "{}",
                "corpId",
                "dingcorp42",
                "type",
                "actionCallback",
                "userId",
                userId,
                "outTrackId",
                outTrackId,
                "content",
                content));
  }

  @Test
  void storesAPressedSignButtonAsTheCommandItStandsForAndAcknowledgesIt() {
    await().atMost(WAIT).until(GATEWAY::connected);
    assertThat(GATEWAY.topics())
        .as("a bot with a 签收 card template subscribes its callbacks")
        .contains(DingTalkStreamFrames.BOT_MESSAGE_TOPIC, DingTalkCards.CALLBACK_TOPIC);
    int acks = GATEWAY.acks().size();

    String messageId =
        GATEWAY.push(
            DingTalkCards.CALLBACK_TOPIC, cardPress("ack-1.2-17-3", "manager4220", "ack:1.2"));

    await().atMost(WAIT).until(() -> GATEWAY.acks().size() > acks);
    String pressId = "card:ack-1.2-17-3:manager4220:ack:1.2";
    assertThat(row(pressId))
        .containsEntry("text", "签收 1.2")
        .containsEntry("message_type", "action")
        .containsEntry("sender_id", "manager4220")
        .containsEntry("chat_id", "cidStreamGroup==")
        .containsEntry("chat_type", "GROUP");
    JsonNode ack = JsonMapper.builder().build().readTree(GATEWAY.acks().get(acks));
    assertThat(ack.path("code").asInt()).isEqualTo(200);
    assertThat(ack.path("headers").path("messageId").asString()).isEqualTo(messageId);

    // pressed again (or delivered again): one row
    int again = GATEWAY.acks().size();
    GATEWAY.push(DingTalkCards.CALLBACK_TOPIC, cardPress("ack-1.2-17-3", "manager4220", "ack:1.2"));
    await().atMost(WAIT).until(() -> GATEWAY.acks().size() > again);
    assertThat(rows(pressId)).isEqualTo(1);

    // a press of a button that is none of ours is acknowledged and stores nothing
    int other = GATEWAY.acks().size();
    GATEWAY.push(
        DingTalkCards.CALLBACK_TOPIC, cardPress("ack-1.2-17-3", "manager4220", "drop table"));
    await().atMost(WAIT).until(() -> GATEWAY.acks().size() > other);
    assertThat(rows("card:ack-1.2-17-3:manager4220:drop table")).isZero();
  }

  @Test
  void aUnitSignsByTheCardsButtonAsByTypingAndTheCardShowsItSigned() {
    CardPresses presses = new CardPresses(db);
    presses.contact("planning", "林志强（钉钉）", Platform.DINGTALK, "ding-lin");
    presses.group("planning", Platform.DINGTALK, "ding-stream", "cidStreamGroup==");
    List<String> filed = new java.util.ArrayList<>();
    try {
      await().atMost(WAIT).until(GATEWAY::connected);
      String code = CardPresses.fileTask(assignments, clock, "planning");
      filed.add(code);

      // the notice goes to the DingTalk group as the card: with its button, by the robot OpenAPI
      Map<String, Object> notice =
          presses.outboxLike("assigned:" + code + ":%").stream()
              .filter(n -> "cidStreamGroup==".equals(n.get("target")))
              .findFirst()
              .orElseThrow();
      assertThat(notice).containsEntry("channel", "CHAT");
      JsonNode button =
          JsonMapper.builder().build().readTree((String) notice.get("payload")).path("button");
      assertThat(button.path("action").asString()).isEqualTo(CardActions.acknowledge(code));
      String outTrackId = button.path("cardId").asString();
      assertThat(outTrackId).startsWith("ack-" + code + "-");

      int acks = GATEWAY.acks().size();
      GATEWAY.push(
          DingTalkCards.CALLBACK_TOPIC,
          cardPress(outTrackId, "ding-lin", CardActions.acknowledge(code)));
      await().atMost(WAIT).until(() -> GATEWAY.acks().size() > acks);

      // recorded as the typed 签收 is: the contact's name and the press's time
      Acknowledgement ack = CardPresses.acknowledged(acknowledgements, code);
      assertThat(ack.acknowledgedBy()).isEqualTo("林志强（钉钉）");
      String pressId = CardActions.pressId(outTrackId, "ding-lin", CardActions.acknowledge(code));
      long id = presses.inboundId(Platform.DINGTALK, "ding-stream", pressId);
      assertThat(presses.outbox("report-reply:" + id).get("payload").toString())
          .contains("已签收 " + code);
      // and the pressed card is updated in place to show it
      Map<String, Object> update = presses.outbox("card-update:" + id);
      assertThat(update).containsEntry("channel", "CARD").containsEntry("target", outTrackId);
      assertThat((String) update.get("payload")).contains("已签收", code, "已由林志强（钉钉）于");
    } finally {
      presses.cleanUp(filed, List.of("ding-stream"), List.of("ding-lin"));
    }
  }

  @Test
  void acknowledgesOnlyOnceTheRowIsCommitted() throws Exception {
    await().atMost(WAIT).until(GATEWAY::connected);
    int unacked = GATEWAY.unacknowledged();
    try (Connection holder = TestDatabase.connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE inbound_message IN EXCLUSIVE MODE");

      GATEWAY.push(robotMessage("stream-held-1", " 1.2 材料已报送"));

      // the insert waits for the lock: nothing may be acknowledged meanwhile
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> GATEWAY.unacknowledged() == unacked + 1);
      holder.rollback();
    }
    await().atMost(WAIT).until(() -> GATEWAY.unacknowledged() == unacked);
    assertThat(rows("stream-held-1")).isOne();
  }

  @Test
  void storesAMessageDeliveredTwiceOnce() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int acks = GATEWAY.acks().size();
    String message = robotMessage("stream-twice-1", " 2 已完成");

    GATEWAY.push(message);
    GATEWAY.push(message);

    await().atMost(WAIT).until(() -> GATEWAY.acks().size() >= acks + 2);
    assertThat(rows("stream-twice-1")).isOne();
  }

  @Test
  void aLostAcknowledgementBringsTheMessageAgainOnAFreshTicketAndStillOneRow() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int opens = GATEWAY.opens();
    double reconnects = reconnects();

    GATEWAY.dropNextAck();
    GATEWAY.push(robotMessage("stream-lost-ack-1", " 3 进度50%"));

    await().atMost(WAIT).until(() -> GATEWAY.unacknowledged() == 0);
    assertThat(GATEWAY.opens()).as("a fresh ticket for the new connection").isGreaterThan(opens);
    assertThat(rows("stream-lost-ack-1")).isOne();
    assertThat(reconnects()).isGreaterThan(reconnects);
  }

  @Test
  void answersTheGatewaysPingWithItsOwnData() {
    await().atMost(WAIT).until(GATEWAY::connected);

    GATEWAY.ping("opaque-7");

    await().atMost(WAIT).until(() -> !GATEWAY.pingAnswers().isEmpty());
    JsonNode answer = JsonMapper.builder().build().readTree(GATEWAY.pingAnswers().get(0));
    assertThat(answer.path("code").asInt()).isEqualTo(200);
    assertThat(answer.path("headers").path("messageId").asString()).isEqualTo("ping-opaque-7");
    assertThat(answer.path("data").asString()).isEqualTo("{\"opaque\":\"opaque-7\"}");
  }

  @Test
  void leavesAGatewayThatStopsAnsweringHeartbeatsAndConnectsAgain() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int connections = GATEWAY.connections();
    GATEWAY.stopAnsweringHeartbeats();
    try {
      await().atMost(WAIT).until(() -> GATEWAY.connections() > connections);
    } finally {
      GATEWAY.answerHeartbeats();
    }
    await().atMost(WAIT).until(GATEWAY::connected);
    GATEWAY.push(robotMessage("stream-after-silence-1", " 4 已完成"));
    await().atMost(WAIT).until(() -> rows("stream-after-silence-1") == 1);
  }

  @Test
  void opensEachConnectionWithTheAppKeySecretAndRobotTopicTheGatewayExpects() {
    await().atMost(WAIT).until(GATEWAY::connected);

    // the gateway refuses an open request with another id, secret or no robot-message topic
    assertThat(GATEWAY.opens()).isPositive();
    assertThat(GATEWAY.refusedOpens()).isZero();
  }

  @Test
  void readinessConfiguredToFailReportsAStreamBotWithoutAConnectionPastTheThresholdAndRecovers() {
    await().atMost(WAIT).until(GATEWAY::connected);
    await().atMost(WAIT).until(() -> readiness() == 200);
    GATEWAY.refuseOpens(true);
    try {
      GATEWAY.closeConnection();
      await().atMost(WAIT).until(() -> readiness() == 503);
      assertThat(GATEWAY.connected()).isFalse();
    } finally {
      GATEWAY.refuseOpens(false);
    }
    await().atMost(WAIT).until(GATEWAY::connected);
    await().atMost(WAIT).until(() -> readiness() == 200);
  }

  private int readiness() {
    return web.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .returnResult(String.class)
        .getStatus()
        .value();
  }

  private double reconnects() {
    return meters.get("duban.stream.reconnects").tag("bot", "ding-stream").counter().count();
  }

  private long rows(String msgId) {
    return db.sql(
            "SELECT count(*) AS n FROM inbound_message WHERE platform = 'DINGTALK'"
                + " AND bot_id = 'ding-stream' AND platform_message_id = :m")
        .bind("m", msgId)
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }

  private Map<String, Object> row(String msgId) {
    return db.sql(
            "SELECT * FROM inbound_message WHERE platform = 'DINGTALK'"
                + " AND bot_id = 'ding-stream' AND platform_message_id = :m")
        .bind("m", msgId)
        .fetch()
        .one()
        .block(Duration.ofSeconds(10));
  }
}
