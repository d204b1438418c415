package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CardActions;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
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
