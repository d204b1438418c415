package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** DingTalk robot HTTP-mode and event-push callbacks over real HTTP. */
class DingTalkCallbackTest extends ChatCallbackTestSupport {

  static final String APP_SECRET = "dt-app-secret-7f3a9c";
  final CallbackCipher push =
      new CallbackCipher(
          "dt-push-token-63b1", "DingPushAesKey456789abcdefghijklmnopqrstuvw", "dingappkey0001");

  String robotBody(String msgId, long createAt) {
    return DingTalkMessagesTest.ROBOT_MESSAGE
        .replace("msgBqG4sF9aPnuKtQBaWQlPcw==", msgId)
        .replace("1613630252678", Long.toString(createAt))
        .replace("1613635652738", Long.toString(createAt + 5_400_000));
  }

  @Test
  void storesARobotMessageWithItsSessionWebhook() {
    long now = clock.millis();
    String ts = Long.toString(now);

    client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot")
        .header("timestamp", ts)
        .header("sign", DingTalkRobotSignature.sign(APP_SECRET, ts))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(robotBody("dt-msg-1", now))
        .exchange()
        .expectStatus()
        .isOk();

    Map<String, Object> row = row(Platform.DINGTALK, "dingtalk-bot", "dt-msg-1");
    assertThat(row)
        .containsEntry("text", "6 已完成")
        .containsEntry("sender_id", "manager1234")
        .containsEntry("chat_type", "GROUP")
        .containsEntry("reply_url", "https://oapi.dingtalk.com/robot/sendBySession?session=abc");
    assertThat(((OffsetDateTime) row.get("reply_url_expires_at")).toInstant().toEpochMilli())
        .isEqualTo(now + 5_400_000);
  }

  @Test
  void refusesACapturedTimestampAndSignReplayedWithAnotherBody() {
    long now = clock.millis() + 17; // a timestamp of its own: pairs are remembered across tests
    String ts = Long.toString(now);
    String sign = DingTalkRobotSignature.sign(APP_SECRET, ts);
    String genuine = robotBody("dt-replay-genuine", now);
    String forged = robotBody("dt-replay-forged", now).replace("6 已完成", "确认办结 6");
    double before = rejected("replayed");

    robotPost(ts, sign, genuine).expectStatus().isOk();
    // the platform retrying the same delivery is answered as before, and stored once
    robotPost(ts, sign, genuine).expectStatus().isOk();
    robotPost(ts, sign, forged)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("REPLAYED");

    assertThat(rows(Platform.DINGTALK, "dingtalk-bot", "dt-replay-genuine")).isOne();
    assertThat(rows(Platform.DINGTALK, "dingtalk-bot", "dt-replay-forged")).isZero();
    assertThat(rejected("replayed")).isEqualTo(before + 1);
    long remembered =
        db.sql(
                "SELECT count(*) AS n FROM callback_signature WHERE platform = 'DINGTALK'"
                    + " AND bot_id = 'dingtalk-bot' AND expires_at > now()"
                    + " AND expires_at <= now() + interval '6 minutes'")
            .map(row -> row.get("n", Long.class))
            .one()
            .block();
    assertThat(remembered).as("pairs remembered for the 5-minute window").isPositive();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec robotPost(
      String ts, String sign, String body) {
    return client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot")
        .header("timestamp", ts)
        .header("sign", sign)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void refusesARobotMessageSignedWithAnotherSecret() {
    String ts = Long.toString(clock.millis());

    client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot")
        .header("timestamp", ts)
        .header("sign", DingTalkRobotSignature.sign("not-the-secret", ts))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(robotBody("dt-forged-1", clock.millis()))
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(rows(Platform.DINGTALK, "dingtalk-bot", "dt-forged-1")).isZero();
  }

  @Test
  void refusesARobotMessageWithAStaleTimestamp() {
    String ts = Long.toString(clock.millis() - 3_600_000);

    client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot")
        .header("timestamp", ts)
        .header("sign", DingTalkRobotSignature.sign(APP_SECRET, ts))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(robotBody("dt-stale-1", clock.millis()))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("STALE_TIMESTAMP");
  }

  @Test
  void answersCheckUrlWithAnEncryptedSuccess() {
    String encrypted = push.encrypt("{\"EventType\":\"check_url\"}");
    String ts = Long.toString(clock.millis());

    String body =
        client
            .post()
            .uri(
                "/callbacks/dingtalk/dingtalk-bot?signature={s}&timestamp={t}&nonce=abc123",
                push.signature(ts, "abc123", encrypted),
                ts)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"encrypt\":\"" + encrypted + "\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    EncryptedSuccess.assertAnswer(push, body);
  }

  @Test
  void storesPushedEventsMarkedAsEvents() {
    String plain =
        "{\"EventType\":\"user_add_org\",\"TimeStamp\":\"1700000000000\",\"UserId\":[\"u1\"]}";
    String encrypted = push.encrypt(plain);
    String ts = Long.toString(clock.millis());

    client
        .post()
        .uri(
            "/callbacks/dingtalk/dingtalk-bot?msg_signature={s}&timeStamp={t}&nonce=n9",
            push.signature(ts, "n9", encrypted),
            ts)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"encrypt\":\"" + encrypted + "\"}")
        .exchange()
        .expectStatus()
        .isOk();

    long events =
        db.sql(
                "SELECT count(*) AS n FROM inbound_message WHERE platform = 'DINGTALK'"
                    + " AND message_type = 'event' AND raw_payload = :raw")
            .bind("raw", plain)
            .map(row -> row.get("n", Long.class))
            .one()
            .block();
    assertThat(events).isEqualTo(1);
  }

  @Test
  void refusesAnUnknownBot() {
    client
        .post()
        .uri("/callbacks/dingtalk/nobody")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("UNKNOWN_BOT");
  }
}
