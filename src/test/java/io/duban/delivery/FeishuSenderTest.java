package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
import io.duban.chat.Platform;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class FeishuSenderTest {

  private final FakePlatformServer platform = new FakePlatformServer();
  private final MovableClock clock = new MovableClock(Instant.ofEpochSecond(1717657200L));
  private final FeishuSender sender =
      Senders.feishu(
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
                      "feishu-secret",
                      platform.baseUrl(),
                      null)),
              null),
          clock);

  @AfterEach
  void stop() {
    platform.close();
  }

  @Test
  void signMatchesTheDocumentedExampleTimestamp() {
    assertThat(OutboundSigner.feishu("demo-secret", 1599360473L))
        .isEqualTo("3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
  }

  @Test
  void postsSignedTextToTheCustomBotWebhookWithContentAsAnObject() {
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.FEISHU, "kjj"),
                OutboundMessage.text("请报送本周进展", List.of("ou_1"))))
        .verifyComplete();

    FakePlatformServer.Recorded r = platform.take();
    assertThat(r.uri()).isEqualTo("/open-apis/bot/v2/hook/hook-uuid");
    // sign = Base64(HmacSHA256(key = "1717657200\nfeishu-secret", data = "")), computed with Python
    assertThat(r.body())
        .isEqualTo(
            "{\"timestamp\":\"1717657200\",\"sign\":\"qIL5vsdvoo/9AVdfdolHiodGsHQLoND48CXjPLTVkns=\","
                + "\"msg_type\":\"text\",\"content\":{\"text\":\"请报送本周进展 <at user_id=\\\"ou_1\\\"></at>\"}}");
  }

  @Test
  void apiMessagesCarryContentAsAJsonStringAndACachedTenantToken() {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    Destination group = Destination.chat(Platform.FEISHU, "kjj", "oc_123");

    StepVerifier.create(sender.send(group, OutboundMessage.text("提醒", List.of()))).verifyComplete();
    StepVerifier.create(sender.send(group, OutboundMessage.text("再提醒", List.of())))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all)
        .extracting(FakePlatformServer.Recorded::uri)
        .containsExactly(
            "/open-apis/auth/v3/tenant_access_token/internal",
            "/open-apis/im/v1/messages?receive_id_type=chat_id",
            "/open-apis/im/v1/messages?receive_id_type=chat_id");
    assertThat(all.get(0).body())
        .isEqualTo("{\"app_id\":\"cli_app\",\"app_secret\":\"app-secret\"}");
    assertThat(all.get(1).headers().get("authorization")).isEqualTo("Bearer t-abc");
    assertThat(all.get(1).body())
        .isEqualTo(
            "{\"receive_id\":\"oc_123\",\"msg_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"提醒\\\"}\"}");
  }

  @Test
  void frequencyLimitIsRetryable() {
    platform.answer(
        "/open-apis/bot/v2/hook/", 200, "{\"code\":11232,\"msg\":\"frequency limited\"}");

    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.FEISHU, "kjj"), OutboundMessage.text("x", List.of())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class, f -> assertThat(f.retryable()).isTrue()))
        .verify();
  }

  @Test
  void aBadSignatureIsPermanent() {
    platform.answer("/open-apis/bot/v2/hook/", 200, "{\"code\":19021,\"msg\":\"sign match fail\"}");

    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.FEISHU, "kjj"), OutboundMessage.text("x", List.of())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class, f -> assertThat(f.retryable()).isFalse()))
        .verify();
  }
}
