package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CardActions;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
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
 * The 签收 card of a Feishu app: {@code im/v1/messages} with {@code msg_type} {@code interactive}
 * whose {@code content} is the card as a JSON string (发送消息; card JSON 1.0 {@code action} module
 * with a {@code button} whose {@code value} comes back in {@code card.action.trigger}'s {@code
 * event.action.value}). A custom bot's cards cannot call back, so its webhook gets the text.
 */
class FeishuCardSenderTest extends SenderTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FeishuSender sender =
      new FeishuSender(
          new ChatProperties(
              null,
              null,
              List.of(
                  new FeishuBot(
                      "kjj",
                      "cli_app",
                      "app-secret",
                      null,
                      null,
                      "hook-uuid",
                      null,
                      platform.baseUrl(),
                      null,
                      null,
                      null)),
              null),
          http(),
          tokens(),
          clock);

  private final OutboundMessage notice =
      OutboundMessage.text("【交办】J2026-001 报送初稿 *不是markdown*\n请牵头单位回复“签收 J2026-001”确认收到。", List.of())
          .withButton(
              new OutboundMessage.Button(
                  "签收", CardActions.acknowledge("J2026-001"), "ack-J2026-001-1-7"));

  FeishuCardSenderTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  @Test
  void theAppSendsTheGroupACardWithTheButtonsValue() {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    Destination group = Destination.chat(Platform.FEISHU, "kjj", "oc_123");
    assertThat(sender.carriesButtons(group)).isTrue();

    StepVerifier.create(sender.send(group, notice)).verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
            "/open-apis/auth/v3/tenant_access_token/internal",
            "/open-apis/im/v1/messages?receive_id_type=chat_id");
    JsonNode body = JSON.readTree(all.get(1).body());
    assertThat(body.path("receive_id").asString()).isEqualTo("oc_123");
    assertThat(body.path("msg_type").asString()).isEqualTo("interactive");
    JsonNode card = JSON.readTree(body.path("content").asString());
    JsonNode text = card.path("elements").get(0);
    assertThat(text.path("tag").asString()).isEqualTo("div");
    assertThat(text.path("text").path("tag").asString()).isEqualTo("plain_text");
    assertThat(text.path("text").path("content").asString()).contains("*不是markdown*");
    JsonNode button = card.path("elements").get(1).path("actions").get(0);
    assertThat(card.path("elements").get(1).path("tag").asString()).isEqualTo("action");
    assertThat(button.path("tag").asString()).isEqualTo("button");
    assertThat(button.path("text").path("content").asString()).isEqualTo("签收");
    assertThat(button.path("value").path("action").asString()).isEqualTo("ack:J2026-001");
    // shared, so that it may be updated for everyone once pressed (PATCH needs it before and after)
    assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
  }

  /** A press as stored: a card.action.trigger envelope, fields as the Java SDK names them. */
  private static final String PRESS =
      "{\"schema\":\"2.0\",\"header\":{\"event_type\":\"card.action.trigger\","
          + "\"create_time\":\"1717657203000\",\"tenant_key\":\"tk\"},\"event\":{"
          + "\"operator\":{\"open_id\":\"ou_lin\",\"user_id\":\"lin.zhiqiang\"},"
          + "\"action\":{\"value\":{\"action\":\"ack:J2026-001\"},\"tag\":\"button\"},"
          + "\"context\":{\"open_message_id\":\"om_card_7\",\"open_chat_id\":\"oc_123\"}}}";

  private static io.duban.chat.InboundMessage press(String botId) {
    return new io.duban.chat.InboundMessage(
        42L,
        Platform.FEISHU,
        botId,
        CardActions.pressId("om_card_7", "lin.zhiqiang", "ack:J2026-001"),
        "oc_123",
        io.duban.chat.ChatType.GROUP,
        "lin.zhiqiang",
        null,
        io.duban.chat.MessageKind.ACTION,
        "签收 J2026-001",
        Instant.ofEpochSecond(1717657203L),
        null,
        null);
  }

  @Test
  void aPressedCardIsPatchedInPlaceToSayWhoSignedAndWhen() {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    platform.answer("/open-apis/im/v1/messages/om_card_7", 200, "{\"code\":0,\"msg\":\"success\"}");
    Destination card = sender.pressedCard(press("kjj"), PRESS).get();
    assertThat(card.channel()).isEqualTo(Destination.Channel.CARD);
    assertThat(card.target()).isEqualTo("om_card_7");

    StepVerifier.create(
            sender.send(
                card, OutboundMessage.markdown("已签收", "事项 J2026-001 报送初稿\n已由林志强于今天 17:03签收")))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
            "/open-apis/auth/v3/tenant_access_token/internal",
            "/open-apis/im/v1/messages/om_card_7");
    FakePlatformServer.Recorded patch = all.get(1);
    assertThat(patch.method()).isEqualTo("PATCH");
    assertThat(patch.headers()).containsEntry("authorization", "Bearer t-abc");
    JsonNode body = JSON.readTree(patch.body());
    // content is the new card as a JSON string, as when it was sent
    JsonNode updated = JSON.readTree(body.path("content").asString());
    assertThat(updated.path("config").path("update_multi").asBoolean()).isTrue();
    assertThat(updated.path("header").path("title").path("content").asString()).isEqualTo("已签收");
    assertThat(updated.path("elements")).hasSize(1);
    assertThat(updated.path("elements").get(0).path("text").path("content").asString())
        .contains("已由林志强于今天 17:03签收");
    assertThat(updated.toString()).doesNotContain("\"button\"");
  }

  @Test
  void anUnknownBotHasNoCardToUpdateAndARefusedPatchFails() {
    assertThat(sender.pressedCard(press("unknown-bot"), PRESS)).isEmpty();
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    // the platform refuses the update (HTTP 400 and a non-zero code)
    platform.answer(
        "/open-apis/im/v1/messages/om_card_7", 400, "{\"code\":230099,\"msg\":\"not shared\"}");
    StepVerifier.create(
            sender.send(
                sender.pressedCard(press("kjj"), PRESS).get(),
                OutboundMessage.markdown("已签收", "x")))
        .expectError(io.duban.chat.SendFailure.class)
        .verify();
  }

  @Test
  void theCustomBotWebhookCarriesNoButton() {
    assertThat(sender.carriesButtons(Destination.webhook(Platform.FEISHU, "kjj"))).isFalse();
    assertThat(sender.cardsToPeople("kjj", List.of("ou_1"))).isEmpty();
  }
}
