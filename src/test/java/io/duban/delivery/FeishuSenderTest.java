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
  void anImageIsUploadedAsMultipartThenSentByItsImageKey() throws Exception {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    // the answer documented for im/v1/images
    platform.answer(
        "/open-apis/im/v1/images",
        200,
        "{\"code\":0,\"data\":{\"image_key\":\"img_v2_041b28e3-5680-48c2-9af2-497ace79333g\"},"
            + "\"msg\":\"success\"}");
    byte[] png = png();

    StepVerifier.create(
            sender.send(
                Destination.chat(Platform.FEISHU, "kjj", "oc_123"),
                new OutboundMessage(
                    OutboundMessage.Format.IMAGE,
                    "周报图表",
                    java.util.Base64.getEncoder().encodeToString(png),
                    List.of())))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all)
        .extracting(FakePlatformServer.Recorded::uri)
        .containsExactly(
            "/open-apis/auth/v3/tenant_access_token/internal",
            "/open-apis/im/v1/images",
            "/open-apis/im/v1/messages?receive_id_type=chat_id");
    FakePlatformServer.Recorded upload = all.get(1);
    assertThat(upload.headers().get("authorization")).isEqualTo("Bearer t-abc");
    var parts = MultipartForm.parse(upload.headers().get("content-type"), upload.bytes());
    assertThat(parts).containsOnlyKeys("image_type", "image");
    assertThat(parts.get("image_type").text()).isEqualTo("message");
    assertThat(parts.get("image").headers().get("content-disposition"))
        .contains("name=\"image\"", "filename=\"image.png\"");
    assertThat(parts.get("image").headers().get("content-type")).isEqualTo("image/png");
    assertThat(parts.get("image").content()).isEqualTo(png);
    assertThat(all.get(2).headers().get("authorization")).isEqualTo("Bearer t-abc");
    assertThat(all.get(2).body())
        .isEqualTo(
            "{\"receive_id\":\"oc_123\",\"msg_type\":\"image\","
                + "\"content\":\"{\\\"image_key\\\":\\\"img_v2_041b28e3-5680-48c2-9af2-497ace79333g\\\"}\"}");
  }

  @Test
  void aRefusedUploadSendsNoMessageAndCustomBotsCannotSendImages() throws Exception {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
    platform.answer(
        "/open-apis/im/v1/images",
        200,
        "{\"code\":234011,\"msg\":\"Can't recognize image format.\"}");
    OutboundMessage image =
        new OutboundMessage(
            OutboundMessage.Format.IMAGE,
            "周报图表",
            java.util.Base64.getEncoder().encodeToString(png()),
            List.of());

    StepVerifier.create(sender.send(Destination.chat(Platform.FEISHU, "kjj", "oc_123"), image))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class,
                        f -> {
                          assertThat(f.retryable()).isFalse();
                          assertThat(f.getMessage()).contains("image upload", "234011");
                        }))
        .verify();
    StepVerifier.create(sender.send(Destination.webhook(Platform.FEISHU, "kjj"), image))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class, f -> assertThat(f.retryable()).isFalse()))
        .verify();

    assertThat(platform.received())
        .extracting(FakePlatformServer.Recorded::path)
        .containsExactly(
            "/open-apis/auth/v3/tenant_access_token/internal", "/open-apis/im/v1/images");
  }

  /** A small real PNG; its signature and pixels hold bytes above 0x7f, as every PNG does. */
  private static byte[] png() throws java.io.IOException {
    var image = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xc62828);
    image.setRGB(2, 1, 0x1f6fb2);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
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
