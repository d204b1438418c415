package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

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

class FeishuSenderTest extends SenderTestSupport {

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
                      "feishu-secret",
                      platform.baseUrl(),
                      null,
                      null,
                      null)),
              null),
          http(),
          tokens(),
          clock);

  FeishuSenderTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  @Test
  void signMatchesTheDocumentedExampleTimestamp() {
    assertThat(FeishuCrypto.customBotSign("demo-secret", 1599360473L))
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
    answerTenantToken();
    Destination group = Destination.chat(Platform.FEISHU, "kjj", "oc_123");

    StepVerifier.create(sender.send(group, OutboundMessage.text("提醒", List.of()))).verifyComplete();
    StepVerifier.create(sender.send(group, OutboundMessage.text("再提醒", List.of())))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
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
    answerTenantToken();
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

    List<FakePlatformServer.Recorded> all =
        assertReceived(
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
    answerTenantToken();
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

    assertThat(
            failure(sender.send(Destination.chat(Platform.FEISHU, "kjj", "oc_123"), image), false))
        .hasMessageContaining("image upload")
        .hasMessageContaining("234011");
    failure(sender.send(Destination.webhook(Platform.FEISHU, "kjj"), image), false);

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

    failure(
        sender.send(
            Destination.webhook(Platform.FEISHU, "kjj"), OutboundMessage.text("x", List.of())),
        true);
  }

  @Test
  void aBadSignatureIsPermanent() {
    platform.answer("/open-apis/bot/v2/hook/", 200, "{\"code\":19021,\"msg\":\"sign match fail\"}");

    failure(
        sender.send(
            Destination.webhook(Platform.FEISHU, "kjj"), OutboundMessage.text("x", List.of())),
        false);
  }

  /** Feishu's answer to the app's tenant_access_token request: token t-abc. */
  private void answerTenantToken() {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}");
  }
}
