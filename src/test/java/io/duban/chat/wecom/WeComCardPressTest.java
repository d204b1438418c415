package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.CardActions;
import io.duban.chat.CardPresses;
import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import io.duban.report.TaskAssignments;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * 签收 by the button of a WeCom app's template card, over real HTTP and PostgreSQL: the 交办 notice
 * queues the card to the lead unit's people; the press ({@code template_card_event} in the app's
 * encrypted callback XML, fields as doc 90240's sample: {@code EventKey}, {@code TaskId}, {@code
 * CardType}, {@code ResponseCode}) is stored once however often it comes, 签收s once, and is
 * answered, and the card is updated in place; a forged press changes nothing; another unit's person
 * is told who must 签收.
 */
class WeComCardPressTest extends ChatCallbackTestSupport {

  private static final String BOT = "wecom-cards";
  private static final String CORP = "wx5823bf96d3bd56c7";

  private final CallbackCipher cipher =
      new CallbackCipher("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", CORP);

  @Autowired TaskAssignments assignments;
  @Autowired Acknowledgements acknowledgements;

  private CardPresses presses;
  private final List<String> filed = new java.util.ArrayList<>();

  @AfterEach
  void cleanUp() {
    presses.cleanUp(filed, List.of(BOT), List.of("no-one-registered-here"));
  }

  @BeforeEach
  void groups() {
    presses = new CardPresses(db);
    // the app serves the planning and the office units' people, one to one
    presses.group("planning", Platform.WECOM, BOT, "wrkPlanningApp");
    presses.group("office", Platform.WECOM, BOT, "wrkOfficeApp");
  }

  private String press(String user, String taskId, String key, long createTime) {
    return "<xml><ToUserName><![CDATA["
        + CORP
        + "]]></ToUserName><FromUserName><![CDATA["
        + user
        + "]]></FromUserName><CreateTime>"
        + createTime
        + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA["
        + key
        + "]]></EventKey><TaskId><![CDATA["
        + taskId
        + "]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
        + "<ResponseCode><![CDATA[rc-"
        + createTime
        + "]]></ResponseCode><AgentID>1000002</AgentID></xml>";
  }

  private ResponseSpec post(String plain, String nonce, boolean signed) {
    String encrypted = cipher.encrypt(plain);
    String ts = "1717657200";
    String signature = signed ? cipher.signature(ts, nonce, encrypted) : "0".repeat(40);
    return client
        .post()
        .uri(
            "/callbacks/wecom/" + BOT + "?msg_signature={s}&timestamp={t}&nonce={n}",
            signature,
            ts,
            nonce)
        .contentType(MediaType.TEXT_XML)
        .bodyValue(
            "<xml><ToUserName><![CDATA["
                + CORP
                + "]]></ToUserName><Encrypt><![CDATA["
                + encrypted
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>")
        .exchange();
  }

  @Test
  void theNoticeCardIsPressedOnceAnsweredAndAnotherUnitIsTurnedAway() {
    String code = CardPresses.fileTask(assignments, clock, "planning");
    filed.add(code);
    String action = CardActions.acknowledge(code);

    List<Map<String, Object>> cards = presses.outboxLike("assigned:" + code + ":%:card");
    assertThat(cards).as("one card to the planning unit's people through the app").hasSize(1);
    assertThat(cards.get(0))
        .containsEntry("channel", "USER")
        .containsEntry("target", "lin.zhiqiang");
    assertThat((String) cards.get(0).get("payload"))
        .contains("\"action\": \"" + action + "\"", "\"label\": \"签收\"");
    String taskId = WeComCards.taskId(cardId((String) cards.get(0).get("payload")));

    // forged: not signed with the app's token; nothing stored, nothing acknowledged
    post(press("lin.zhiqiang", taskId, action, 1717657201L), "f1", false)
        .expectStatus()
        .isUnauthorized();
    assertThat(rows(Platform.WECOM, BOT, CardActions.pressId(taskId, "lin.zhiqiang", action)))
        .isZero();

    // the office's person presses the planning unit's card: refused, in Chinese, nothing changes
    post(press("huang.xiao", taskId, action, 1717657202L), "o1", true).expectStatus().isOk();
    long officePress =
        presses.inboundId(Platform.WECOM, BOT, CardActions.pressId(taskId, "huang.xiao", action));
    Map<String, Object> refusal = presses.outbox("report-reply:" + officePress);
    assertThat(refusal).containsEntry("channel", "USER").containsEntry("target", "huang.xiao");
    assertThat((String) refusal.get("payload")).contains("由规划与法规科牵头，须由牵头单位签收");

    // the lead unit's person presses twice, and WeCom retries the first: stored once, 签收 once
    post(press("lin.zhiqiang", taskId, action, 1717657203L), "l1", true).expectStatus().isOk();
    post(press("lin.zhiqiang", taskId, action, 1717657203L), "l2", true).expectStatus().isOk();
    post(press("lin.zhiqiang", taskId, action, 1717657209L), "l3", true).expectStatus().isOk();
    String pressId = CardActions.pressId(taskId, "lin.zhiqiang", action);
    assertThat(rows(Platform.WECOM, BOT, pressId)).isEqualTo(1);
    assertThat(row(Platform.WECOM, BOT, pressId))
        .containsEntry("message_type", "action")
        .containsEntry("text", "签收 " + code)
        .containsEntry("sender_id", "lin.zhiqiang");

    Acknowledgement ack = CardPresses.acknowledged(acknowledgements, code);
    assertThat(ack.acknowledgedBy()).isEqualTo("林志强");
    Map<String, Object> answer =
        presses.outbox("report-reply:" + presses.inboundId(Platform.WECOM, BOT, pressId));
    assertThat(answer).containsEntry("channel", "USER").containsEntry("target", "lin.zhiqiang");
    assertThat((String) answer.get("payload")).contains("已签收 " + code, "签收人：林志强");

    // the card is updated in place for the presser with the response code of the press that
    // 签收 it (doc 94888: one use per code); the refused press updates nothing
    Map<String, Object> update =
        presses.outbox("card-update:" + presses.inboundId(Platform.WECOM, BOT, pressId));
    assertThat(update)
        .containsEntry("channel", "CARD")
        .containsEntry("target", "lin.zhiqiang|rc-1717657203");
    assertThat((String) update.get("payload")).contains("已签收", code, "已由林志强于");
    assertThat(presses.outboxLike("card-update:" + officePress)).isEmpty();
  }

  @Test
  void aButtonThatIsNoneOfOursIsStoredAsAnEventOnly() {
    String plain = press("lin.zhiqiang", "task-x", "rm -rf", 1717657300L);
    post(plain, "x1", true).expectStatus().isOk();

    assertThat(rows(Platform.WECOM, BOT, CardActions.pressId("task-x", "lin.zhiqiang", "rm -rf")))
        .isZero();
    assertThat(
            rows(
                Platform.WECOM,
                BOT,
                "event:lin.zhiqiang:1717657300:" + WeComMessages.TEMPLATE_CARD_EVENT))
        .isEqualTo(1);
  }

  private static String cardId(String payload) {
    int at = payload.indexOf("\"cardId\": \"") + "\"cardId\": \"".length();
    return payload.substring(at, payload.indexOf('"', at));
  }
}
