package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.DingTalkBot;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.SendFailure;
import io.duban.chat.SenderTestSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class DingTalkSenderTest extends SenderTestSupport {

  /** The DingTalk doc's example timestamp (ms), used with its Python sample secret. */
  private static final Instant DOC_TIMESTAMP = Instant.ofEpochMilli(1577262236757L);

  private final DingTalkSender sender =
      new DingTalkSender(
          new ChatProperties(
              null,
              List.of(
                  new DingTalkBot(
                      "kjj",
                      "ding-app-key",
                      "ding-app-secret",
                      "ding-robot",
                      null,
                      null,
                      "hook-token",
                      "this is secret",
                      platform.baseUrl(),
                      platform.baseUrl(),
                      null,
                      null,
                      null,
                      "ack-tpl.schema")),
              null,
              null),
          http(),
          tokens(),
          clock);

  DingTalkSenderTest() {
    super(DOC_TIMESTAMP);
  }

  @Test
  void signMatchesTheDocumentedExampleInputs() {
    assertThat(DingTalkRobotSignature.sign("this is secret", 1577262236757L))
        .isEqualTo("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
    assertThat(DingTalkRobotSignature.urlEncoded("this is secret", 1577262236757L))
        .isEqualTo("hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    assertThat(DingTalkRobotSignature.sign("this is a secret", 1577262236757L))
        .isEqualTo("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=");
  }

  @Test
  void signsTheCustomRobotWebhookWithAFreshMillisecondTimestamp() {
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.DINGTALK, "kjj"),
                OutboundMessage.text("请报送本周进展", List.of("user123"))))
        .verifyComplete();

    FakePlatformServer.Recorded r = platform.take();
    assertThat(r.uri())
        .isEqualTo(
            "/robot/send?access_token=hook-token&timestamp=1577262236757"
                + "&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    assertThat(r.body())
        .isEqualTo(
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"请报送本周进展\\n@user123\"},"
                + "\"at\":{\"atUserIds\":[\"user123\"],\"isAtAll\":false}}");

    clock.advance(java.time.Duration.ofSeconds(3));
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.DINGTALK, "kjj"),
                OutboundMessage.text("再次", List.of())))
        .verifyComplete();
    assertThat(platform.take().uri()).contains("&timestamp=1577262239757&sign=");
  }

  @Test
  void markdownCarriesATitle() {
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.DINGTALK, "kjj"),
                OutboundMessage.markdown("督办周报", "## 本周概况")))
        .verifyComplete();

    assertThat(platform.take().body())
        .isEqualTo(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"督办周报\",\"text\":\"## 本周概况\"}}");
  }

  @Test
  void aChartGoesAsMarkdownShowingTheImageByItsUrlAndImageBytesAreRefused() {
    String url = "https://duban.example.gov.cn/charts/0123456789abcdef0123456789abcdef.png";
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.DINGTALK, "kjj"),
                OutboundMessage.markdown("周报图表", "#### 督办周报图表（2024-W23）\n\n![周报图表](" + url + ")")))
        .verifyComplete();

    FakePlatformServer.Recorded r = platform.take();
    assertThat(r.path()).isEqualTo("/robot/send");
    assertThat(r.body())
        .isEqualTo(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"周报图表\","
                + "\"text\":\"#### 督办周报图表（2024-W23）\\n\\n![周报图表]("
                + url
                + ")\"}}");

    failure(
        sender.send(
            Destination.webhook(Platform.DINGTALK, "kjj"),
            new OutboundMessage(OutboundMessage.Format.IMAGE, "周报图表", "iVBORw0KGgo=", List.of())),
        false);
    assertThat(platform.received()).hasSize(1);
  }

  @Test
  void repliesOnTheSessionWebhookWithoutSigning() {
    String session = platform.baseUrl() + "/robot/sendBySession?session=abc";
    StepVerifier.create(
            sender.send(
                new Destination(Platform.DINGTALK, "kjj", Destination.Channel.REPLY_URL, session),
                OutboundMessage.text("已登记", List.of())))
        .verifyComplete();

    assertThat(platform.take().uri()).isEqualTo("/robot/sendBySession?session=abc");
  }

  @Test
  void groupMessagesUseTheRobotOpenApiWithACachedAccessToken() {
    platform.answer(
        "/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"AT-1\",\"expireIn\":7200}");
    platform.answer("/v1.0/robot/groupMessages/send", 200, "{\"processQueryKey\":\"q1\"}");
    platform.answer("/v1.0/robot/groupMessages/send", 200, "{\"processQueryKey\":\"q2\"}");
    Destination group = Destination.chat(Platform.DINGTALK, "kjj", "cidABC==");

    StepVerifier.create(sender.send(group, OutboundMessage.text("提醒", List.of()))).verifyComplete();
    StepVerifier.create(sender.send(group, OutboundMessage.text("再提醒", List.of())))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all)
        .extracting(FakePlatformServer.Recorded::path)
        .containsExactly(
            "/v1.0/oauth2/accessToken",
            "/v1.0/robot/groupMessages/send",
            "/v1.0/robot/groupMessages/send");
    assertThat(all.get(0).body())
        .isEqualTo("{\"appKey\":\"ding-app-key\",\"appSecret\":\"ding-app-secret\"}");
    assertThat(all.get(1).headers().get("x-acs-dingtalk-access-token")).isEqualTo("AT-1");
    assertThat(all.get(1).body())
        .isEqualTo(
            "{\"robotCode\":\"ding-robot\",\"openConversationId\":\"cidABC==\","
                + "\"msgKey\":\"sampleText\",\"msgParam\":\"{\\\"content\\\":\\\"提醒\\\"}\"}");
  }

  @Test
  void sendingTooFastIsRetryable() {
    platform.answer("/robot/send", 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");

    SendFailure f =
        failure(
            sender.send(
                Destination.webhook(Platform.DINGTALK, "kjj"),
                OutboundMessage.text("x", List.of())),
            true);
    assertThat(f.getMessage()).contains("130101").doesNotContain("hook-token");
  }

  @Test
  void aKeywordMismatchIsPermanent() {
    platform.answer(
        "/robot/send", 200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}");

    failure(
        sender.send(
            Destination.webhook(Platform.DINGTALK, "kjj"), OutboundMessage.text("x", List.of())),
        false);
  }

  /** A 签收 notice as the report feature sends it: text with the button of its card. */
  private static OutboundMessage notice() {
    return OutboundMessage.text("【任务分工】1.1 建成中试验证平台\n请牵头单位回复“签收 1.1”确认收到。", List.of())
        .withButton(new OutboundMessage.Button("签收", "ack:1.1", "ack-1.1-1717552800000-7"));
  }

  @Test
  void aNoticeWithAButtonGoesToTheGroupAsTheAdminsCardTemplate() {
    platform.answer(
        "/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"AT-1\",\"expireIn\":7200}");
    platform.answer(
        "/v1.0/card/instances/createAndDeliver",
        200,
        "{\"success\":true,\"result\":{\"outTrackId\":\"ack-1.1-1717552800000-7\","
            + "\"deliverResults\":[{\"spaceType\":\"IM_GROUP\",\"spaceId\":\"cidABC==\","
            + "\"success\":true}]}}");
    Destination group = Destination.chat(Platform.DINGTALK, "kjj", "cidABC==");
    assertThat(sender.carriesButtons(group)).isTrue();
    assertThat(sender.carriesButtons(Destination.webhook(Platform.DINGTALK, "kjj")))
        .as("a custom robot's webhook cannot call back")
        .isFalse();

    StepVerifier.create(sender.send(group, notice())).verifyComplete();

    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all)
        .extracting(FakePlatformServer.Recorded::path)
        .containsExactly("/v1.0/oauth2/accessToken", "/v1.0/card/instances/createAndDeliver");
    FakePlatformServer.Recorded card = all.get(1);
    assertThat(card.method()).isEqualTo("POST");
    assertThat(card.headers().get("x-acs-dingtalk-access-token")).isEqualTo("AT-1");
    assertThat(card.body())
        .isEqualTo(
            "{\"cardTemplateId\":\"ack-tpl.schema\",\"outTrackId\":\"ack-1.1-1717552800000-7\","
                + "\"callbackType\":\"STREAM\",\"openSpaceId\":\"dtv1.card//IM_GROUP.cidABC==\","
                + "\"cardData\":{\"cardParamMap\":{\"title\":\"督办助手\","
                + "\"content\":\"【任务分工】1.1 建成中试验证平台\\n请牵头单位回复“签收 1.1”确认收到。\","
                + "\"status\":\"待签收\",\"action\":\"ack:1.1\",\"chat\":\"cidABC==\"}},"
                + "\"imGroupOpenSpaceModel\":{\"supportForward\":false},"
                + "\"imGroupOpenDeliverModel\":{\"robotCode\":\"ding-robot\"}}");
  }

  @Test
  void aCardTheGroupDidNotGetIsAFailure() {
    platform.answer(
        "/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"AT-1\",\"expireIn\":7200}");
    platform.answer(
        "/v1.0/card/instances/createAndDeliver",
        200,
        "{\"success\":true,\"result\":{\"deliverResults\":[{\"spaceType\":\"IM_GROUP\","
            + "\"success\":false,\"errorMsg\":\"robot not in group\"}]}}");

    SendFailure f =
        failure(
            sender.send(Destination.chat(Platform.DINGTALK, "kjj", "cidABC=="), notice()), false);
    assertThat(f.getMessage()).contains("robot not in group").doesNotContain("ding-app-secret");
  }

  @Test
  void withoutACardTemplateTheNoticeStaysText() {
    DingTalkSender plain =
        new DingTalkSender(
            new ChatProperties(
                null,
                List.of(
                    new DingTalkBot(
                        "kjj",
                        "ding-app-key",
                        "ding-app-secret",
                        "ding-robot",
                        null,
                        null,
                        null,
                        null,
                        platform.baseUrl(),
                        platform.baseUrl(),
                        null,
                        null,
                        null,
                        null)),
                null,
                null),
            http(),
            tokens(),
            clock);
    Destination group = Destination.chat(Platform.DINGTALK, "kjj", "cidABC==");
    assertThat(plain.carriesButtons(group)).isFalse();
    platform.answer(
        "/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"AT-1\",\"expireIn\":7200}");
    platform.answer("/v1.0/robot/groupMessages/send", 200, "{\"processQueryKey\":\"q1\"}");

    // the outbox strips the button where the destination carries none; the text says what to type
    StepVerifier.create(plain.send(group, notice().withoutButton())).verifyComplete();

    assertThat(platform.received())
        .extracting(FakePlatformServer.Recorded::path)
        .containsExactly("/v1.0/oauth2/accessToken", "/v1.0/robot/groupMessages/send");
  }

  @Test
  void aPressedCardIsUpdatedInPlaceToShowWhoSignedIt() {
    String press =
        "{\"outTrackId\":\"ack-1.1-1717552800000-7\",\"corpId\":\"dingcorp\","
            + "\"userId\":\"manager4220\",\"type\":\"actionCallback\","
            + "\"content\":\"{\\\"cardPrivateData\\\":{\\\"actionIds\\\":[\\\"ack\\\"],"
            + "\\\"params\\\":{\\\"action\\\":\\\"ack:1.1\\\",\\\"chat\\\":\\\"cidABC==\\\"}}}\"}";
    io.duban.chat.NewInboundMessage stored =
        DingTalkCards.pressed("kjj", press, java.time.Instant.EPOCH);
    assertThat(stored.text()).isEqualTo("签收 1.1");
    assertThat(stored.chatId()).isEqualTo("cidABC==");
    io.duban.chat.InboundMessage pressed =
        new io.duban.chat.InboundMessage(
            1L,
            Platform.DINGTALK,
            "kjj",
            stored.platformMessageId(),
            stored.chatId(),
            io.duban.chat.ChatType.GROUP,
            stored.senderId(),
            null,
            io.duban.chat.MessageKind.ACTION,
            stored.text(),
            java.time.Instant.EPOCH,
            null,
            null);
    Destination card = sender.pressedCard(pressed, press).orElseThrow();
    assertThat(card.channel()).isEqualTo(Destination.Channel.CARD);
    assertThat(card.target()).isEqualTo("ack-1.1-1717552800000-7");
    platform.answer(
        "/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"AT-1\",\"expireIn\":7200}");
    platform.answer("/v1.0/card/instances", 200, "{\"success\":true,\"result\":true}");

    StepVerifier.create(sender.send(card, OutboundMessage.markdown("已签收", "已由林志强签收")))
        .verifyComplete();

    FakePlatformServer.Recorded update = platform.received().get(1);
    assertThat(update.method()).isEqualTo("PUT");
    assertThat(update.path()).isEqualTo("/v1.0/card/instances");
    assertThat(update.body())
        .isEqualTo(
            "{\"outTrackId\":\"ack-1.1-1717552800000-7\",\"cardData\":{\"cardParamMap\":"
                + "{\"status\":\"已签收\",\"content\":\"已由林志强签收\",\"action\":\"\"}},"
                + "\"cardUpdateOptions\":{\"updateCardDataByKey\":true}}");
  }
}
