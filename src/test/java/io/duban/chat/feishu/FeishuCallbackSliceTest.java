package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackSliceSupport;
import io.duban.chat.CallbackSliceTest;
import io.duban.chat.ChatType;
import io.duban.chat.MessageKind;
import io.duban.chat.Platform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Feishu callback alone, with the documented Encrypt Key {@code test key}: challenges, signed
 * and encrypted message events, and what reaches the inbound store.
 */
@CallbackSliceTest(
    value = FeishuCallbackController.class,
    bots = {
      "duban.chat.feishu[0].id=app",
      "duban.chat.feishu[0].encrypt-key=test key",
      "duban.chat.feishu[0].verification-token=vtoken",
      "duban.chat.feishu[0].max-clock-skew=0"
    })
class FeishuCallbackSliceTest extends CallbackSliceSupport {

  final FeishuCrypto crypto = new FeishuCrypto("test key");
  final byte[] iv = new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  @Test
  void answersAnEncryptedChallengeAndStoresNothing() {
    String body =
        encrypted(
            "{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"vtoken\",\"type\":\"url_verification\"}");

    post(body, null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.challenge")
        .isEqualTo("ajls384kdjx98XX");
    assertThat(store.stored()).isEmpty();
  }

  @Test
  void storesASignedEncryptedMessageWithItsMentionsResolved() {
    String body = encrypted(FeishuMessagesTest.event("group", "@_user_1 4.1 已完成，请 @_user_2 审核"));

    post(body, crypto.signature("1608725989", "n1", body.getBytes(StandardCharsets.UTF_8)))
        .expectStatus()
        .isOk();

    assertThat(store.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.platform()).isEqualTo(Platform.FEISHU);
              assertThat(m.platformMessageId()).isEqualTo("om_5ce6d572455d361153b7cb51da133945");
              assertThat(m.senderId()).isEqualTo("zhaoliu");
              assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
              assertThat(m.messageType()).isEqualTo(MessageKind.TEXT);
              assertThat(m.text()).isEqualTo("4.1 已完成，请 @张三 审核");
            });
  }

  @Test
  void refusesAnUnsignedMessageWhenAnEncryptKeyIsSet() {
    assertRefused(
        post(encrypted(FeishuMessagesTest.event("group", "4.1 已完成")), null),
        HttpStatus.UNAUTHORIZED,
        "BAD_SIGNATURE");
  }

  @Test
  void refusesTheDocumentedExampleWhichIsNoEvent() {
    // decrypts to "hello world": not JSON
    assertRefused(
        post("{\"encrypt\":\"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=\"}", null),
        HttpStatus.BAD_REQUEST,
        "MALFORMED");
  }

  private String encrypted(String plain) {
    return "{\"encrypt\":\"" + crypto.encrypt(plain, iv) + "\"}";
  }

  private WebTestClient.ResponseSpec post(String body, String signature) {
    WebTestClient.RequestBodySpec request =
        client.post().uri("/callbacks/feishu/app").contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      request =
          request
              .header("X-Lark-Request-Timestamp", "1608725989")
              .header("X-Lark-Request-Nonce", "n1")
              .header("X-Lark-Signature", signature);
    }
    return request.bodyValue(body).exchange();
  }
}
