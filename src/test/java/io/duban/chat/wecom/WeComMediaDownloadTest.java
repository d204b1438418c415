package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.MediaRef;
import io.duban.chat.MediaTooLarge;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import io.duban.chat.SendFailure;
import io.duban.chat.SenderTestSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** WeCom app media download: {@code GET /cgi-bin/media/get} with the cached access token. */
class WeComMediaDownloadTest extends SenderTestSupport {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};

  private final WeComSender sender =
      new WeComSender(
          new ChatProperties(
              List.of(
                  new WeComBot(
                      "kjj",
                      WeComKind.APP,
                      null,
                      null,
                      null,
                      "ww123",
                      "corp-secret",
                      1000002L,
                      null,
                      platform.baseUrl(),
                      null,
                      null)),
              null,
              null,
              null),
          http(),
          tokens(),
          null);

  private final MediaRef image =
      new MediaRef(Platform.WECOM, "kjj", "m1", "MEDIA_ID_1", MessageKind.IMAGE, null);

  WeComMediaDownloadTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  @Test
  void downloadsTheMediaWithTheAccessToken() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answerBytes("/cgi-bin/media/get", 200, "image/png", PNG);

    StepVerifier.create(sender.download(image, 1024))
        .assertNext(bytes -> assertThat(bytes).isEqualTo(PNG))
        .verifyComplete();
    assertReceived(
        "/cgi-bin/gettoken?corpid=ww123&corpsecret=corp-secret",
        "/cgi-bin/media/get?access_token=tok&media_id=MEDIA_ID_1");
  }

  @Test
  void anExpiredTokenIsFetchedAgainAndAnErrorAnswerFails() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"old\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"new\",\"expires_in\":7200}");
    platform.answer("/cgi-bin/media/get", 200, "{\"errcode\":42001,\"errmsg\":\"expired\"}");
    platform.answer(
        "/cgi-bin/media/get", 200, "{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}");

    StepVerifier.create(sender.download(image, 1024))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        SendFailure.class, f -> assertThat(f.retryable()).isFalse()))
        .verify();
    assertThat(platform.receivedWith("access_token=new&media_id=")).hasSize(1);
  }

  @Test
  void stopsReadingAtTheCap() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answerBytes("/cgi-bin/media/get", 200, "image/png", new byte[4096]);

    StepVerifier.create(sender.download(image, 1000)).expectError(MediaTooLarge.class).verify();
  }
}
