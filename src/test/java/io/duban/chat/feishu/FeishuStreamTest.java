package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Feishu bot in stream mode against {@link FakeFeishuStreamServer}: events pushed as protobuf
 * frames, whole or in parts, are stored with the dedupe key of their HTTP form and answered with
 * {@code code: 200} only after commit; a duplicate or a redelivery after a lost answer is stored
 * once; one that comes encrypted is decrypted with the Encrypt Key; a gateway that stops answering
 * pings is left for a fresh endpoint.
 */
@DubanSpringTest
class FeishuStreamTest {

  static final String APP_ID = "cli_stream_5f1";
  static final String APP_SECRET = "feishu-stream-secret-77a";
  static final FakeFeishuStreamServer GATEWAY = new FakeFeishuStreamServer(APP_ID, APP_SECRET);
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String ENCRYPT_KEY = "feishu-stream-encrypt-key-1b";

  @Autowired DatabaseClient db;

  @DynamicPropertySource
  static void streamBot(DynamicPropertyRegistry registry) {
    registry.add("duban.chat.feishu[0].id", () -> "feishu-stream");
    registry.add("duban.chat.feishu[0].mode", () -> "stream");
    registry.add("duban.chat.feishu[0].app-id", () -> APP_ID);
    registry.add("duban.chat.feishu[0].app-secret", () -> APP_SECRET);
    registry.add("duban.chat.feishu[0].api-base-url", GATEWAY::baseUrl);
    registry.add("duban.chat.feishu[0].encrypt-key", () -> ENCRYPT_KEY);
    registry.add("duban.chat.stream.lease-ttl", () -> "3s");
    registry.add("duban.chat.stream.lease-renew", () -> "1s");
    registry.add("duban.chat.stream.reconnect-initial", () -> "100ms");
    registry.add("duban.chat.stream.reconnect-max", () -> "1s");
    registry.add("duban.chat.stream.heartbeat", () -> "2900ms");
    registry.add("duban.chat.stream.silence-timeout", () -> "3s");
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.close();
  }

  static String event(String messageId, String text) {
    return FeishuMessagesTest.event("group", "@_user_1 " + text)
        .replace("om_5ce6d572455d361153b7cb51da133945", messageId);
  }

  @Test
  void storesAPushedEventLikeItsHttpFormAndAnswersTheSameFrameWithCode200() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int answers = GATEWAY.answers().size();

    String frameId = GATEWAY.push(event("om_stream_1", "4.1 已完成"), false);

    await().atMost(WAIT).until(() -> GATEWAY.answers().size() > answers);
    assertThat(row("om_stream_1")).containsEntry("text", "4.1 已完成");
    FeishuFrame answer = GATEWAY.answers().get(answers);
    assertThat(answer.header("message_id")).isEqualTo(frameId);
    assertThat(answer.header("biz_rt")).isNotNull();
    assertThat(answer.service()).isEqualTo(7);
    assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).contains("\"code\":200");
  }

  @Test
  void anEventThatComesEncryptedIsDecryptedWithTheEncryptKeyAndStoredPlain() {
    await().atMost(WAIT).until(GATEWAY::connected);
    String plain = event("om_stream_encrypted", "2.2 进度40%");
    byte[] iv = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String encrypted = new FeishuCrypto(ENCRYPT_KEY).encrypt(plain, iv);

    GATEWAY.push("{\"encrypt\":\"" + encrypted + "\"}", false);

    await().atMost(WAIT).until(() -> rows("om_stream_encrypted") == 1);
    Map<String, Object> row = row("om_stream_encrypted");
    assertThat(row).containsEntry("text", "2.2 进度40%");
    assertThat((String) row.get("raw_payload")).isEqualTo(plain).doesNotContain(encrypted);
    await().atMost(WAIT).until(() -> GATEWAY.unanswered() == 0);
  }

  @Test
  void storesAnEventSplitOverTwoFramesOnce() {
    await().atMost(WAIT).until(GATEWAY::connected);

    GATEWAY.push(event("om_stream_split", "2.1 进度50%"), true);

    await().atMost(WAIT).until(() -> rows("om_stream_split") == 1);
    await().atMost(WAIT).until(() -> GATEWAY.unanswered() == 0);
    assertThat(row("om_stream_split")).containsEntry("text", "2.1 进度50%");
  }

  @Test
  void answersOnlyOnceTheRowIsCommitted() throws Exception {
    await().atMost(WAIT).until(GATEWAY::connected);
    int unanswered = GATEWAY.unanswered();
    try (Connection holder = TestDatabase.connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE inbound_message IN EXCLUSIVE MODE");

      GATEWAY.push(event("om_stream_held", "3 已完成"), false);

      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> GATEWAY.unanswered() == unanswered + 1);
      holder.rollback();
    }
    await().atMost(WAIT).until(() -> GATEWAY.unanswered() == unanswered);
    assertThat(rows("om_stream_held")).isOne();
  }

  @Test
  void storesAnEventDeliveredTwiceOnceAndAfterALostAnswerStillOnce() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int connections = GATEWAY.connections();

    GATEWAY.push(event("om_stream_twice", "5 已完成"), false);
    GATEWAY.push(event("om_stream_twice", "5 已完成"), false);
    await().atMost(WAIT).until(() -> GATEWAY.unanswered() == 0);
    GATEWAY.dropNextAnswer();
    GATEWAY.push(event("om_stream_lost", "6 已完成"), false);
    await().atMost(WAIT).until(() -> GATEWAY.unanswered() == 0);

    assertThat(rows("om_stream_twice")).isOne();
    assertThat(rows("om_stream_lost")).isOne();
    assertThat(GATEWAY.connections()).isGreaterThan(connections);
  }

  @Test
  void pingsAtTheServersIntervalAndLeavesAGatewayThatStopsAnswering() {
    await().atMost(WAIT).until(GATEWAY::connected);
    int pings = GATEWAY.pings();
    // ClientConfig.PingInterval is 1 s, shorter than the 2.9 s heartbeat configured here: two pings
    // come well within 2.9 s
    await().atMost(Duration.ofMillis(2800)).until(() -> GATEWAY.pings() >= pings + 2);
    int connections = GATEWAY.connections();

    GATEWAY.stopAnsweringPings();
    try {
      await().atMost(WAIT).until(() -> GATEWAY.connections() > connections);
    } finally {
      GATEWAY.answerPings();
    }
    assertThat(GATEWAY.refused()).isZero();
  }

  private long rows(String messageId) {
    return db.sql(
            "SELECT count(*) AS n FROM inbound_message WHERE platform = 'FEISHU'"
                + " AND bot_id = 'feishu-stream' AND platform_message_id = :m")
        .bind("m", messageId)
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }

  private Map<String, Object> row(String messageId) {
    return db.sql(
            "SELECT * FROM inbound_message WHERE platform = 'FEISHU'"
                + " AND bot_id = 'feishu-stream' AND platform_message_id = :m")
        .bind("m", messageId)
        .fetch()
        .one()
        .block(Duration.ofSeconds(10));
  }
}
