package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackSliceSupport;
import io.duban.chat.CallbackSliceTest;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The DingTalk callback alone, with DingTalk's published values: the robot {@code sign} of the
 * documentation's example secret and timestamp, and the old developer docs' encrypted event push
 * sample; what reaches the inbound store.
 */
@CallbackSliceTest(
    value = DingTalkCallbackController.class,
    bots = {
      "duban.chat.dingtalk[0].id=robot",
      "duban.chat.dingtalk[0].app-secret=this is secret",
      "duban.chat.dingtalk[0].max-clock-skew=0",
      "duban.chat.dingtalk[1].id=suite",
      "duban.chat.dingtalk[1].app-key=suite4xxxxxxxxxxxxxxx",
      "duban.chat.dingtalk[1].token=123456",
      "duban.chat.dingtalk[1].aes-key=4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij",
      "duban.chat.dingtalk[1].max-clock-skew=0"
    })
class DingTalkCallbackSliceTest extends CallbackSliceSupport {

  /** The documentation's example timestamp (ms) and the sign of its secret "this is secret". */
  static final String DOC_TIMESTAMP = "1577262236757";

  static final String DOC_SIGN = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";

  @Test
  void storesARobotMessageSignedAsTheDocumentationShows() {
    postRobot(DOC_SIGN).expectStatus().isOk().expectBody().json("{}");

    assertThat(store.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.platform()).isEqualTo(Platform.DINGTALK);
              assertThat(m.botId()).isEqualTo("robot");
              assertThat(m.platformMessageId()).isEqualTo("msgBqG4sF9aPnuKtQBaWQlPcw==");
              assertThat(m.senderId()).isEqualTo("manager1234");
              assertThat(m.messageType()).isEqualTo(MessageKind.TEXT);
              assertThat(m.text()).isEqualTo("6 已完成");
              assertThat(m.replyUrl())
                  .isEqualTo("https://oapi.dingtalk.com/robot/sendBySession?session=abc");
            });
  }

  @Test
  void refusesARobotMessageSignedWithTheOtherExampleSecret() {
    assertRefused(
        postRobot("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA="),
        HttpStatus.UNAUTHORIZED,
        "BAD_SIGNATURE");
  }

  @Test
  void storesThePublishedEventPushSampleAndAnswersAnEncryptedSuccess() {
    String answer =
        client
            .post()
            .uri(
                "/callbacks/dingtalk/suite?signature=5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0"
                    + "&timestamp=1445827045067&nonce=nEXhMP4r")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"encrypt\":\"1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vD"
                    + "MG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D"
                    + "6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(store.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.messageType()).isEqualTo(MessageKind.EVENT);
              assertThat(m.botId()).isEqualTo("suite");
            });
    EncryptedSuccess.assertAnswer(
        new CallbackCipher(
            "123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite4xxxxxxxxxxxxxxx"),
        answer);
  }

  private WebTestClient.ResponseSpec postRobot(String sign) {
    return client
        .post()
        .uri("/callbacks/dingtalk/robot")
        .header("timestamp", DOC_TIMESTAMP)
        .header("sign", sign)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(DingTalkMessagesTest.ROBOT_MESSAGE)
        .exchange();
  }
}
