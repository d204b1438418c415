package io.duban.chat.generic;

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
 * The generic webhook alone: signatures computed independently with Python, duplicates, refusals,
 * and what reaches the inbound store.
 */
@CallbackSliceTest(
    value = GenericCallbackController.class,
    bots = {
      "duban.chat.generic[0].id=sim",
      "duban.chat.generic[0].secret=local-secret",
      "duban.chat.generic[0].max-clock-skew=0"
    })
class GenericCallbackSliceTest extends CallbackSliceSupport {

  static final String BODY =
      "{\"messageId\":\"g-1\",\"chatId\":\"room-1\",\"senderId\":\"kjj-zhangsan\","
          + "\"senderName\":\"张三\",\"text\":\"1.2 已报送，进度60%\",\"messageType\":\"image\"}";

  @Test
  void storesASignedMessageOnceAndSaysWhenItWasADuplicate() {
    post(BODY, sign(BODY))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.duplicate")
        .isEqualTo(false);
    post(BODY, sign(BODY))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.duplicate")
        .isEqualTo(true);

    assertThat(store.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.platform()).isEqualTo(Platform.GENERIC);
              assertThat(m.chatId()).isEqualTo("room-1");
              assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
              assertThat(m.messageType()).isEqualTo(MessageKind.IMAGE);
              assertThat(m.isText()).isFalse();
            });
  }

  @Test
  void refusesAValidlySignedBodyWithoutSender() {
    // the signature of this body and timestamp, computed with Python
    assertRefused(
        post(
            "{\"text\":\"进度60%\"}",
            "d2316715a0ae0686ea1e6caad98d2a3441811c22625b5af1d795c63642d1eef7"),
        HttpStatus.BAD_REQUEST,
        "MALFORMED");
  }

  @Test
  void refusesABadSignature() {
    post(BODY, sign(BODY.replace("60%", "70%")))
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("signature does not match");
    assertThat(store.stored()).isEmpty();
  }

  @Test
  void refusesABodyOverTheLimit() {
    String big = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
    post(big, sign(big)).expectStatus().isEqualTo(413);
    assertThat(store.stored()).isEmpty();
  }

  private static String sign(String body) {
    return GenericSignature.sign(
        "local-secret", "1700000000", body.getBytes(StandardCharsets.UTF_8));
  }

  private WebTestClient.ResponseSpec post(String body, String signature) {
    return client
        .post()
        .uri("/callbacks/generic/sim")
        .header("X-Duban-Timestamp", "1700000000")
        .header("X-Duban-Signature", signature)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }
}
