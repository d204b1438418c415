package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CardActions;
import io.duban.chat.CardPresses;
import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import io.duban.report.TaskAssignments;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * 签收 by the button of a Feishu card, over real HTTP and PostgreSQL: the 交办 notice goes to the lead
 * unit's group as an interactive card; the press ({@code card.action.trigger}, schema 2.0, fields
 * as the Java SDK's {@code P2CardActionTriggerData}: {@code operator}, {@code action.value}, {@code
 * context.open_message_id} and {@code open_chat_id}) arrives encrypted and signed like any event,
 * is answered with a toast, stored once however often it comes and 签收s once; an unsigned or wrongly
 * signed press changes nothing.
 */
class FeishuCardPressTest extends ChatCallbackTestSupport {

  private static final String BOT = "feishu-cards";
  private static final String CHAT = "oc_cards_planning";

  private final FeishuCrypto crypto = new FeishuCrypto("fs-cards-encrypt-8d40");

  @Autowired TaskAssignments assignments;
  @Autowired Acknowledgements acknowledgements;

  private CardPresses presses;
  private final List<String> filed = new java.util.ArrayList<>();

  @AfterEach
  void cleanUp() {
    presses.cleanUp(filed, List.of(BOT), List.of("ou_cards_lin"));
  }

  @BeforeEach
  void people() {
    presses = new CardPresses(db);
    presses.contact("planning", "林志强（飞书）", Platform.FEISHU, "ou_cards_lin");
    presses.group("planning", Platform.FEISHU, BOT, CHAT);
  }

  private static String press(String eventId, String openId, String action, String messageId) {
    return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\""
        + eventId
        + "\",\"token\":\"fs-cards-verify-3e19\",\"create_time\":\"1717657200000\","
        + "\"event_type\":\"card.action.trigger\",\"tenant_key\":\"tenant_cards\","
        + "\"app_id\":\"cli_cards\"},\"event\":{\"operator\":{\"tenant_key\":\"tenant_cards\","
        + "\"open_id\":\""
        + openId
        + "\",\"union_id\":\"on_x\"},\"token\":\"c-update-token\",\"action\":{\"value\":"
        + "{\"action\":\""
        + action
        + "\"},\"tag\":\"button\"},\"host\":\"im_message\",\"context\":{\"open_message_id\":\""
        + messageId
        + "\",\"open_chat_id\":\""
        + CHAT
        + "\"}}}";
  }

  private String encrypted(String plain) {
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    return "{\"encrypt\":\"" + crypto.encrypt(plain, iv) + "\"}";
  }

  private ResponseSpec post(String body, String nonce, boolean signed) {
    String ts = Long.toString(clock.instant().getEpochSecond());
    var request =
        client
            .post()
            .uri("/callbacks/feishu/" + BOT)
            .header("X-Lark-Request-Timestamp", ts)
            .header("X-Lark-Request-Nonce", nonce);
    if (signed) {
      request =
          request.header(
              "X-Lark-Signature",
              crypto.signature(ts, nonce, body.getBytes(StandardCharsets.UTF_8)));
    }
    return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @Test
  void theGroupCardIsPressedOnceAndAnsweredWithAToast() {
    String code = CardPresses.fileTask(assignments, clock, "planning");
    filed.add(code);
    String action = CardActions.acknowledge(code);

    List<Map<String, Object>> notices = presses.outboxLike("assigned:" + code + ":%");
    assertThat(notices)
        .filteredOn(n -> CHAT.equals(n.get("target")))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n).containsEntry("channel", "CHAT");
              assertThat((String) n.get("payload")).contains("\"action\": \"" + action + "\"");
            });

    String body = encrypted(press("ev-1", "ou_cards_lin", action, "om_card_1"));
    // unsigned, then signed over another body: refused, nothing stored
    post(body, "n0", false).expectStatus().isUnauthorized();
    String forged = encrypted(press("ev-1", "ou_cards_lin", action, "om_card_1"));
    String ts = Long.toString(clock.instant().getEpochSecond());
    client
        .post()
        .uri("/callbacks/feishu/" + BOT)
        .header("X-Lark-Request-Timestamp", ts)
        .header("X-Lark-Request-Nonce", "n1")
        .header(
            "X-Lark-Signature", crypto.signature(ts, "n1", body.getBytes(StandardCharsets.UTF_8)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(forged)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    String pressId = CardActions.pressId("om_card_1", "ou_cards_lin", action);
    assertThat(rows(Platform.FEISHU, BOT, pressId)).isZero();

    post(body, "n2", true)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.toast.type")
        .isEqualTo("success")
        .jsonPath("$.toast.content")
        .isEqualTo("已收到，办理结果见群消息");
    // pressed again (a new event id), and Feishu's retry of the first
    post(encrypted(press("ev-2", "ou_cards_lin", action, "om_card_1")), "n3", true)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.toast.content")
        .isEqualTo("已收到，请勿重复点击");
    post(body, "n4", true).expectStatus().isOk();

    assertThat(rows(Platform.FEISHU, BOT, pressId)).isEqualTo(1);
    assertThat(row(Platform.FEISHU, BOT, pressId))
        .containsEntry("message_type", "action")
        .containsEntry("text", "签收 " + code)
        .containsEntry("chat_id", CHAT)
        .containsEntry("sender_id", "ou_cards_lin");
    Acknowledgement ack = CardPresses.acknowledged(acknowledgements, code);
    assertThat(ack.acknowledgedBy()).isEqualTo("林志强（飞书）");
    Map<String, Object> answer =
        presses.outbox("report-reply:" + presses.inboundId(Platform.FEISHU, BOT, pressId));
    assertThat(answer).containsEntry("channel", "CHAT").containsEntry("target", CHAT);
    assertThat((String) answer.get("payload")).contains("已签收 " + code, "签收人：林志强（飞书）");

    // the pressed card itself is updated in place: its message, who 签收 and when
    Map<String, Object> update =
        presses.outbox("card-update:" + presses.inboundId(Platform.FEISHU, BOT, pressId));
    assertThat(update).containsEntry("channel", "CARD").containsEntry("target", "om_card_1");
    assertThat((String) update.get("payload")).contains("已签收", code, "已由林志强（飞书）于");
  }

  @Test
  void aPresserNoOneRegisteredIsToldToRegister() {
    String code = CardPresses.fileTask(assignments, clock, "planning");
    filed.add(code);
    String action = CardActions.acknowledge(code);

    post(encrypted(press("ev-9", "ou_stranger", action, "om_card_9")), "s1", true)
        .expectStatus()
        .isOk();

    long id =
        presses.inboundId(
            Platform.FEISHU, BOT, CardActions.pressId("om_card_9", "ou_stranger", action));
    Map<String, Object> answer = presses.outbox("report-reply:" + id);
    assertThat((String) answer.get("payload")).contains("登记");
    assertThat(acknowledgements.of(code).block().acknowledged()).isFalse();
    assertThat(presses.outboxLike("card-update:" + id)).isEmpty();
  }
}
