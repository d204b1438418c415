package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.MediaRef;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import io.duban.chat.SendFailure;
import io.duban.chat.SenderTestSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Feishu message resources: {@code GET /open-apis/im/v1/messages/{id}/resources/{key}}. */
class FeishuMediaDownloadTest extends SenderTestSupport {

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};

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
                      null,
                      null,
                      platform.baseUrl(),
                      null,
                      null,
                      null)),
              null),
          http(),
          tokens(),
          clock);

  FeishuMediaDownloadTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  private void token() {
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"tenant_access_token\":\"t-1\",\"expire\":7200}");
  }

  @Test
  void downloadsAnImageByMessageAndKey() {
    token();
    platform.answerBytes("/open-apis/im/v1/messages/", 200, "image/jpeg", JPEG);

    MediaRef image =
        new MediaRef(
            Platform.FEISHU,
            "kjj",
            "om_dc13264520392913993dd051dba21dcf",
            "img_8ec",
            MessageKind.IMAGE,
            null);
    StepVerifier.create(sender.download(image, 1024))
        .assertNext(bytes -> assertThat(bytes).isEqualTo(JPEG))
        .verifyComplete();
    FakePlatformServer.Recorded r = platform.received().get(1);
    assertThat(r.uri())
        .isEqualTo(
            "/open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf/resources/img_8ec?type=image");
    assertThat(r.headers()).containsEntry("authorization", "Bearer t-1");
  }

  @Test
  void aFileUsesTypeFileAndAnErrorAnswerFails() {
    token();
    platform.answer(
        "/open-apis/im/v1/messages/", 400, "{\"code\":234003,\"msg\":\"File not in msg.\"}");

    MediaRef file =
        new MediaRef(Platform.FEISHU, "kjj", "om_1", "file_v2_1", MessageKind.FILE, "a.docx");
    StepVerifier.create(sender.download(file, 1024))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SendFailure.class))
        .verify();
    assertThat(platform.received().get(1).uri()).endsWith("/resources/file_v2_1?type=file");
  }
}
