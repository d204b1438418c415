package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.DingTalkBot;
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

/** DingTalk robot file download: messageFiles/download gives a URL, which a GET reads. */
class DingTalkMediaDownloadTest extends SenderTestSupport {

  private static final byte[] PDF = "%PDF-1.7\n...".getBytes();

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

  DingTalkMediaDownloadTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  @Test
  void asksForTheDownloadUrlWithTheRobotCodeThenGetsTheFile() {
    platform.answer("/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"tok\",\"expireIn\":7200}");
    platform.answer(
        "/v1.0/robot/messageFiles/download",
        200,
        "{\"downloadUrl\":\"" + platform.baseUrl() + "/files/abc?sig=1\"}");
    platform.answerBytes("/files/abc", 200, "application/octet-stream", PDF);

    MediaRef file =
        new MediaRef(Platform.DINGTALK, "kjj", "msg1", "DL_CODE", MessageKind.FILE, "a.pdf");
    StepVerifier.create(sender.download(file, 1024))
        .assertNext(bytes -> assertThat(bytes).isEqualTo(PDF))
        .verifyComplete();

    List<FakePlatformServer.Recorded> all = platform.received();
    assertThat(all)
        .extracting(FakePlatformServer.Recorded::path)
        .containsExactly(
            "/v1.0/oauth2/accessToken", "/v1.0/robot/messageFiles/download", "/files/abc");
    assertThat(all.get(1).headers()).containsEntry("x-acs-dingtalk-access-token", "tok");
    assertThat(all.get(1).body())
        .contains("\"downloadCode\":\"DL_CODE\"")
        .contains("\"robotCode\":\"ding-robot\"");
  }

  @Test
  void aRefusedDownloadCodeFails() {
    platform.answer("/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"tok\",\"expireIn\":7200}");
    platform.answer(
        "/v1.0/robot/messageFiles/download",
        400,
        "{\"code\":\"InvalidParameter.downloadCode\",\"message\":\"bad\"}");

    MediaRef picture =
        new MediaRef(Platform.DINGTALK, "kjj", "msg1", "BAD", MessageKind.IMAGE, null);
    StepVerifier.create(sender.download(picture, 1024))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SendFailure.class))
        .verify();
  }
}
