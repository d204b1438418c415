package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CardActions;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.ChatType;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.InboundMessage;
import io.duban.chat.MessageKind;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.SenderTestSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 签收 card of a WeCom app: {@code message/send} with {@code msgtype} {@code template_card} of
 * {@code card_type} {@code button_interaction} (doc 90236 发送应用消息, 模板卡片消息: {@code task_id} letters,
 * digits and {@code _-@} up to 128 bytes; {@code button_list[].text/style/key}, the key coming back
 * as the press's {@code EventKey}). Group robots and app chats take no such card.
 */
class WeComCardSenderTest extends SenderTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WeComSender sender =
      new WeComSender(
          new ChatProperties(
              List.of(
                  new WeComBot(
                      "kjj-app",
                      WeComKind.APP,
                      "QDG6eK",
                      "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                      "wx5823bf96d3bd56c7",
                      "wx5823bf96d3bd56c7",
                      "corp-secret",
                      1000002L,
                      null,
                      platform.baseUrl(),
                      null,
                      null),
                  new WeComBot(
                      "kjj-robot",
                      WeComKind.GROUP_ROBOT,
                      "robotToken",
                      "R0b0tAesKey0123456789abcdefghijklmnopqrstuv",
                      null,
                      null,
                      null,
                      null,
                      "robot-key",
                      platform.baseUrl(),
                      null,
                      null)),
              null,
              null,
              null),
          http(),
          tokens(),
          null);

  private final OutboundMessage notice =
      OutboundMessage.text(
              "【交办】J2026-001 报送2025年工作计划初稿\n牵头：规划与法规科\n请牵头单位回复“签收 J2026-001”确认收到。", List.of())
          .withButton(
              new OutboundMessage.Button(
                  "签收", CardActions.acknowledge("J2026-001"), "ack-J2026-001-1717657200000-7"));

  WeComCardSenderTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  @Test
  void anAppSendsItsPeopleAButtonCardWhoseKeyIsTheAcknowledgement() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    // the documented answer of a button_interaction card carries a response_code
    platform.answer(
        "/cgi-bin/message/send",
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m1\",\"response_code\":\"rc-1\"}");
    Destination people = sender.cardsToPeople("kjj-app", List.of("lin.zhiqiang", "wu.ting")).get();
    assertThat(people.channel()).isEqualTo(Destination.Channel.USER);
    assertThat(people.target()).isEqualTo("lin.zhiqiang|wu.ting");
    assertThat(sender.carriesButtons(people)).isTrue();

    StepVerifier.create(sender.send(people, notice)).verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
            "/cgi-bin/gettoken?corpid=wx5823bf96d3bd56c7&corpsecret=corp-secret",
            "/cgi-bin/message/send?access_token=tok");
    JsonNode body = JSON.readTree(all.get(1).body());
    assertThat(body.path("touser").asString()).isEqualTo("lin.zhiqiang|wu.ting");
    assertThat(body.path("agentid").asLong()).isEqualTo(1000002L);
    assertThat(body.path("msgtype").asString()).isEqualTo("template_card");
    JsonNode card = body.path("template_card");
    assertThat(card.path("card_type").asString()).isEqualTo("button_interaction");
    assertThat(card.path("task_id").asString()).isEqualTo("ack-J2026-001-1717657200000-7");
    assertThat(card.path("main_title").path("title").asString())
        .isEqualTo("【交办】J2026-001 报送2025年工作计划初稿");
    assertThat(card.path("sub_title_text").asString()).contains("牵头：规划与法规科");
    JsonNode button = card.path("button_list").get(0);
    assertThat(button.path("text").asString()).isEqualTo("签收");
    assertThat(button.path("key").asString()).isEqualTo("ack:J2026-001");
    assertThat(card.path("button_list")).hasSize(1);
  }

  /** A press as stored: the fields of doc 90240's template_card_event sample. */
  private static String pressXml(String responseCode) {
    return "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>"
        + "<FromUserName><![CDATA[lin.zhiqiang]]></FromUserName><CreateTime>1717657203</CreateTime>"
        + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>"
        + "<EventKey><![CDATA[ack:J2026-001]]></EventKey>"
        + "<TaskId><![CDATA[ack-J2026-001-1717657200000-7]]></TaskId>"
        + "<CardType><![CDATA[button_interaction]]></CardType>"
        + "<ResponseCode><![CDATA["
        + responseCode
        + "]]></ResponseCode><AgentID>1000002</AgentID></xml>";
  }

  private static InboundMessage press(String botId, MessageKind kind) {
    return new InboundMessage(
        41L,
        Platform.WECOM,
        botId,
        "card:ack-J2026-001-1717657200000-7:lin.zhiqiang:ack:J2026-001",
        "lin.zhiqiang",
        ChatType.SINGLE,
        "lin.zhiqiang",
        null,
        kind,
        "签收 J2026-001",
        Instant.ofEpochSecond(1717657203L),
        null,
        null);
  }

  @Test
  void aPressedCardsButtonBecomesUnpressableForThePresserWithItsResponseCode() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/message/update_template_card",
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":[]}");
    Destination card =
        sender.pressedCard(press("kjj-app", MessageKind.ACTION), pressXml("rc-press-7")).get();
    assertThat(card.channel()).isEqualTo(Destination.Channel.CARD);
    assertThat(card.botBucket()).isEqualTo("wecom:kjj-app:api");

    StepVerifier.create(
            sender.send(card, OutboundMessage.markdown("已签收", "事项 J2026-001\n已由林志强于今天 17:03签收")))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
            "/cgi-bin/gettoken?corpid=wx5823bf96d3bd56c7&corpsecret=corp-secret",
            "/cgi-bin/message/update_template_card?access_token=tok");
    JsonNode body = JSON.readTree(all.get(1).body());
    assertThat(body.path("userids")).hasSize(1);
    assertThat(body.path("userids").get(0).asString()).isEqualTo("lin.zhiqiang");
    assertThat(body.path("agentid").asLong()).isEqualTo(1000002L);
    assertThat(body.path("response_code").asString()).isEqualTo("rc-press-7");
    assertThat(body.path("button").path("replace_name").asString()).isEqualTo("已签收");
    assertThat(body.has("template_card")).isFalse();
  }

  @Test
  void aUsedResponseCodeFailsTheUpdateAndOnlyAnAppsPressNamesACard() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/message/update_template_card",
        200,
        "{\"errcode\":40001,\"errmsg\":\"invalid response_code\"}");
    Destination card =
        sender.pressedCard(press("kjj-app", MessageKind.ACTION), pressXml("rc-used")).get();
    StepVerifier.create(sender.send(card, OutboundMessage.markdown("已签收", "")))
        .expectError(io.duban.chat.SendFailure.class)
        .verify();

    assertThat(sender.pressedCard(press("kjj-robot", MessageKind.ACTION), pressXml("rc")))
        .isEmpty();
    assertThat(sender.pressedCard(press("kjj-app", MessageKind.ACTION), pressXml(""))).isEmpty();
  }

  @Test
  void aCardSentBeforeIsNotAFailure() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/message/send",
        200,
        "{\"errcode\":42014,\"errmsg\":\"taskid has existed or empty or exceed max len\"}");

    StepVerifier.create(
            sender.send(sender.cardsToPeople("kjj-app", List.of("lin.zhiqiang")).get(), notice))
        .verifyComplete();
  }

  @Test
  void groupRobotsAndAppChatsGetNoButtonAndRobotsNoCardsToPeople() {
    assertThat(sender.carriesButtons(Destination.webhook(Platform.WECOM, "kjj-robot"))).isFalse();
    assertThat(sender.carriesButtons(Destination.chat(Platform.WECOM, "kjj-app", "wrkChat")))
        .isFalse();
    assertThat(sender.cardsToPeople("kjj-robot", List.of("lin.zhiqiang"))).isEmpty();
  }

  @Test
  void taskIdsKeepOnlyTheCharactersWeComTakes() {
    assertThat(WeComCards.taskId("ack-1.2-17-3")).isEqualTo("ack-1-2-17-3");
    assertThat(WeComCards.taskId("x".repeat(200))).hasSize(128);
  }
}
