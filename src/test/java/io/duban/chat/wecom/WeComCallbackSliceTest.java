package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackSliceSupport;
import io.duban.chat.CallbackSliceTest;
import io.duban.chat.ChatType;
import io.duban.chat.InboundMessage;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The WeCom callback alone: Tencent's published app sample (keys, echostr, message) and a smart
 * bot's JSON, from the signed request to what reaches the inbound store.
 */
@CallbackSliceTest(
    value = WeComCallbackController.class,
    bots = {
      "duban.chat.wecom[0].id=app",
      "duban.chat.wecom[0].kind=APP",
      "duban.chat.wecom[0].token=" + WeComSamples.TOKEN,
      "duban.chat.wecom[0].encoding-aes-key=" + WeComSamples.AES_KEY,
      "duban.chat.wecom[0].receive-id=" + WeComSamples.CORP_ID,
      "duban.chat.wecom[0].max-clock-skew=0",
      "duban.chat.wecom[1].id=smart",
      "duban.chat.wecom[1].kind=SMART_BOT",
      "duban.chat.wecom[1].token=smartToken77",
      "duban.chat.wecom[1].encoding-aes-key=SmartBotAesKey456789abcdefghijklmnopqrstuvw"
    })
class WeComCallbackSliceTest extends CallbackSliceSupport {

  final CallbackCipher smart =
      new CallbackCipher("smartToken77", "SmartBotAesKey456789abcdefghijklmnopqrstuvw", "");

  @Test
  void answersTheOfficialUrlVerificationSampleAndStoresNothing() {
    client
        .get()
        .uri(
            "/callbacks/wecom/app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
                + "&timestamp=1409659589&nonce=263014780&echostr={echostr}",
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("1616140317555161061");

    assertThat(store.stored()).isEmpty();
  }

  @Test
  void storesTheOfficialMessageSample() {
    postOfficialSample("477715d11cdb4164915debcba66cb864d751f3e6")
        .expectStatus()
        .isOk()
        .expectBody()
        .isEmpty();

    assertThat(store.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.platform()).isEqualTo(Platform.WECOM);
              assertThat(m.botId()).isEqualTo("app");
              assertThat(m.platformMessageId()).isEqualTo("4561255354251345929");
              assertThat(m.senderId()).isEqualTo("mycreate");
              assertThat(m.chatType()).isEqualTo(ChatType.SINGLE);
              assertThat(m.messageType()).isEqualTo(MessageKind.TEXT);
              assertThat(m.text()).isEqualTo("hello");
            });
  }

  @Test
  void refusesTheOfficialSampleWithAnAlteredSignature() {
    assertRefused(
        postOfficialSample("477715d11cdb4164915debcba66cb864d751f3e7"),
        HttpStatus.UNAUTHORIZED,
        "BAD_SIGNATURE");
  }

  @Test
  void storesTheTextOfASmartBotMixedMessage() {
    String plain =
        "{\"msgid\":\"mixed-1\",\"chatid\":\"wrc1\",\"chattype\":\"group\","
            + "\"from\":{\"userid\":\"wangwu\"},\"msgtype\":\"mixed\",\"mixed\":{\"msg_item\":["
            + "{\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 7 进度50%\"}},"
            + "{\"msgtype\":\"image\",\"image\":{\"url\":\"https://example.invalid/p.jpg\"}}]}}";
    SmartBotCallback.post(
            client, "smart", smart, plain, CallbackSliceTest.NOW.getEpochSecond(), "n1")
        .expectStatus()
        .isOk();

    InboundMessage m = store.stored().get(0);
    assertThat(m.messageType()).isEqualTo(MessageKind.MIXED);
    assertThat(m.isText()).isTrue();
    assertThat(m.text()).isEqualTo("7 进度50%");
    assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
  }

  @Test
  void refusesAnUnknownBot() {
    assertRefused(
        client
            .post()
            .uri("/callbacks/wecom/nobody?msg_signature=x&timestamp=1&nonce=n")
            .contentType(MediaType.TEXT_XML)
            .bodyValue("<xml/>")
            .exchange(),
        HttpStatus.NOT_FOUND,
        "UNKNOWN_BOT");
  }

  private WebTestClient.ResponseSpec postOfficialSample(String signature) {
    return client
        .post()
        .uri(
            "/callbacks/wecom/app?msg_signature="
                + signature
                + "&timestamp=1409659813&nonce=1372623149")
        .contentType(MediaType.TEXT_XML)
        .bodyValue(WeComCallbackTest.envelope(WeComSamples.W_A2_ENCRYPT))
        .exchange();
  }
}
