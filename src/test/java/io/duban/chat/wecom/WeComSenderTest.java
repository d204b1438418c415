package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import io.duban.chat.SenderTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class WeComSenderTest extends SenderTestSupport {

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
                      "robot-key-1",
                      platform.baseUrl(),
                      null,
                      null)),
              null,
              null,
              null),
          http(),
          tokens(),
          null);

  WeComSenderTest() {
    super(Instant.parse("2024-06-06T07:00:00Z"));
  }

  @Test
  void postsTextWithMentionsToTheGroupRobotWebhook() {
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.WECOM, "kjj"),
                OutboundMessage.text("请报送本周进展", List.of("zhangsan", "lisi"))))
        .verifyComplete();

    FakePlatformServer.Recorded r = platform.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.uri()).isEqualTo("/cgi-bin/webhook/send?key=robot-key-1");
    assertThat(r.headers().get("content-type")).startsWith("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"请报送本周进展\","
                + "\"mentioned_list\":[\"zhangsan\",\"lisi\"]}}");
  }

  @Test
  void sendsAFileByUploadingItToTheRobotFirstThenNamingItsMediaId() {
    byte[] docx = "PK\u0003\u0004 the bulletin".getBytes(StandardCharsets.ISO_8859_1);
    platform.answer(
        "/cgi-bin/webhook/upload_media",
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"file\",\"media_id\":\"3a8asd892asd8asd\","
            + "\"created_at\":\"1380000000\"}");
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.WECOM, "kjj"),
                OutboundMessage.file("督查通报-2024-W23.docx", docx)))
        .verifyComplete();

    FakePlatformServer.Recorded upload = platform.take();
    assertThat(upload.uri()).isEqualTo("/cgi-bin/webhook/upload_media?key=robot-key-1&type=file");
    assertThat(upload.headers().get("content-type")).startsWith("multipart/form-data");
    String part = new String(upload.bytes(), StandardCharsets.UTF_8);
    assertThat(part)
        .contains("name=\"media\"")
        .contains("filename=\"督查通报-2024-W23.docx\"")
        .contains("filelength: " + docx.length)
        .contains("the bulletin");
    FakePlatformServer.Recorded send = platform.take();
    assertThat(send.uri()).isEqualTo("/cgi-bin/webhook/send?key=robot-key-1");
    assertThat(send.body())
        .isEqualTo("{\"msgtype\":\"file\",\"file\":{\"media_id\":\"3a8asd892asd8asd\"}}");
  }

  @Test
  void aRefusedUploadSendsNoFileMessage() {
    platform.answer(
        "/cgi-bin/webhook/upload_media",
        200,
        "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.WECOM, "kjj"),
                OutboundMessage.file("a.docx", new byte[] {1, 2, 3})))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SendFailure.class))
        .verify();
    assertThat(platform.take().path()).isEqualTo("/cgi-bin/webhook/upload_media");
    assertThat(platform.received()).hasSize(1);
  }

  @Test
  void putsMarkdownMentionsIntoTheContent() {
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.WECOM, "kjj"),
                new OutboundMessage(
                    OutboundMessage.Format.MARKDOWN, "", "**周报**", List.of("zhangsan"))))
        .verifyComplete();

    assertThat(platform.take().body())
        .isEqualTo(
            "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**周报**\\n<@zhangsan>\"}}");
  }

  @Test
  void sendsImagesAsBase64WithTheMd5OfTheRawBytes() {
    String base64 = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
    StepVerifier.create(
            sender.send(
                Destination.webhook(Platform.WECOM, "kjj"),
                new OutboundMessage(OutboundMessage.Format.IMAGE, "", base64, List.of())))
        .verifyComplete();

    assertThat(platform.take().body())
        .isEqualTo(
            "{\"msgtype\":\"image\",\"image\":{\"base64\":\"aGVsbG8=\","
                + "\"md5\":\"5d41402abc4b2a76b9719d911017c592\"}}");
  }

  @Test
  void repliesThroughTheWebhookUrlOfTheInboundMessage() {
    String replyUrl = platform.baseUrl() + "/cgi-bin/webhook/send?key=from-callback";
    StepVerifier.create(
            sender.send(
                new Destination(Platform.WECOM, "kjj", Destination.Channel.REPLY_URL, replyUrl),
                OutboundMessage.text("已收到", List.of())))
        .verifyComplete();

    assertThat(platform.take().uri()).isEqualTo("/cgi-bin/webhook/send?key=from-callback");
  }

  @Test
  void appMessagesFetchTheTokenOnceAndReuseItUntilItNearlyExpires() {
    platform.answer(
        "/cgi-bin/gettoken",
        200,
        "{\"errcode\":0,\"access_token\":\"TOKEN-1\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/gettoken",
        200,
        "{\"errcode\":0,\"access_token\":\"TOKEN-2\",\"expires_in\":7200}");
    Destination users =
        new Destination(Platform.WECOM, "kjj", Destination.Channel.USER, "zhangsan|lisi");

    StepVerifier.create(sender.send(users, OutboundMessage.text("一", List.of()))).verifyComplete();
    clock.advance(Duration.ofMinutes(100));
    StepVerifier.create(sender.send(users, OutboundMessage.text("二", List.of()))).verifyComplete();
    clock.advance(Duration.ofMinutes(16));
    StepVerifier.create(sender.send(users, OutboundMessage.text("三", List.of()))).verifyComplete();

    List<FakePlatformServer.Recorded> all =
        assertReceived(
            "/cgi-bin/gettoken?corpid=ww123&corpsecret=corp-secret",
            "/cgi-bin/message/send?access_token=TOKEN-1",
            "/cgi-bin/message/send?access_token=TOKEN-1",
            "/cgi-bin/gettoken?corpid=ww123&corpsecret=corp-secret",
            "/cgi-bin/message/send?access_token=TOKEN-2");
    assertThat(all.get(1).body())
        .isEqualTo(
            "{\"touser\":\"zhangsan|lisi\",\"agentid\":1000002,\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"一\"}}");
  }

  @Test
  void refreshesTheTokenOnceWhenWeComCallsItExpired() {
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"OLD\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"NEW\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/appchat/send", 200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");

    StepVerifier.create(
            sender.send(
                Destination.chat(Platform.WECOM, "kjj", "wrkSFfCgAA"),
                OutboundMessage.text("提醒", List.of())))
        .verifyComplete();

    assertThat(platform.received("/cgi-bin/appchat/send"))
        .extracting(FakePlatformServer.Recorded::uri)
        .containsExactly(
            "/cgi-bin/appchat/send?access_token=OLD", "/cgi-bin/appchat/send?access_token=NEW");
  }

  @Test
  void givesUpAfterOneRefreshWhenTheTokenStaysRejected() {
    platform.answer(
        "/cgi-bin/message/send", 200, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
    platform.answer(
        "/cgi-bin/message/send", 200, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"A\",\"expires_in\":7200}");
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"B\",\"expires_in\":7200}");

    SendFailure f =
        failure(
            sender.send(
                new Destination(Platform.WECOM, "kjj", Destination.Channel.USER, "zhangsan"),
                OutboundMessage.text("x", List.of())),
            false);
    assertThat(f).hasMessageContaining("40014");
    assertThat(platform.received("/cgi-bin/message/send")).hasSize(2);
  }

  @Test
  void rateLimitAndBusyAnswersAreRetryableAndHideTheKey() {
    platform.answer(
        "/cgi-bin/webhook/send", 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
    platform.answer("/cgi-bin/webhook/send", 503, "");

    for (int i = 0; i < 2; i++) {
      SendFailure f =
          failure(
              sender.send(
                  Destination.webhook(Platform.WECOM, "kjj"), OutboundMessage.text("x", List.of())),
              true);
      assertThat(f.getMessage()).doesNotContain("robot-key-1");
      // 45009 is the robot's window being full (wait for it, no attempt); 503 is not
      assertThat(f.rateLimited()).isEqualTo(i == 0);
    }
  }

  @Test
  void aBadRequestIsNotRetried() {
    platform.answer(
        "/cgi-bin/webhook/send", 200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");

    failure(
        sender.send(
            Destination.webhook(Platform.WECOM, "kjj"), OutboundMessage.text("x", List.of())),
        false);
  }

  private static final String GROUP_A =
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=aaaa-1111-secret";
  private static final String GROUP_B =
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bbbb-2222-secret";

  @Test
  void eachWeComGroupRobotHasItsOwnBucketAndItsKeyIsNotShown() {
    String a =
        sender.rateKey(
            new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_A));
    String b =
        sender.rateKey(
            new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_B));

    assertThat(a).startsWith("wecom:city:robot:").isNotEqualTo(b);
    assertThat(
            sender.rateKey(
                new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_A)))
        .isEqualTo(a);
    assertThat(a).doesNotContain("secret").doesNotContain("aaaa");
    assertThat(sender.rateKey(Destination.webhook(Platform.WECOM, "city")))
        .isEqualTo("wecom:city:robot");
  }

  @Test
  void reachesAGroupThroughTheAppOnlyWhenTheBotHasNoRobotWebhook() {
    // the test bot has both a webhook key and app credentials: the robot webhook wins
    assertThat(sender.groupDestination("kjj", "wrk1"))
        .isEqualTo(Destination.webhook(Platform.WECOM, "kjj"));
    assertThat(sender.profile().rateLimit()).isEqualTo(new RateLimit(20, 0));
  }
}
