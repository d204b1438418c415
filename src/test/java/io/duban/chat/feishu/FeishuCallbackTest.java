package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Feishu event subscription callbacks over real HTTP. */
class FeishuCallbackTest extends ChatCallbackTestSupport {

  final FeishuCrypto crypto = new FeishuCrypto("fs-encrypt-key-5b21e0");

  String encryptedBody(String plain) {
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    return "{\"encrypt\":\"" + crypto.encrypt(plain, iv) + "\"}";
  }

  ResponseSpec postSigned(String body, long timestamp, String nonce) {
    String ts = Long.toString(timestamp);
    return client
        .post()
        .uri("/callbacks/feishu/feishu-app")
        .header("X-Lark-Request-Timestamp", ts)
        .header("X-Lark-Request-Nonce", nonce)
        .header(
            "X-Lark-Signature", crypto.signature(ts, nonce, body.getBytes(StandardCharsets.UTF_8)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  String message(String messageId, String token) {
    return FeishuMessagesTest.event("group", "@_user_1 4.1 已完成，请 @_user_2 审核")
        .replace("om_5ce6d572455d361153b7cb51da133945", messageId)
        .replace("vtoken", token);
  }

  @Test
  void answersAPlainUrlVerificationWithTheChallenge() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-plain")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"challenge\":\"ajls384kdjx98XX\",\"token\":\"fs-plain-token-0a7d55\","
                + "\"type\":\"url_verification\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"challenge\":\"ajls384kdjx98XX\"}");
  }

  @Test
  void answersAnEncryptedUrlVerificationWithTheChallenge() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-app")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            encryptedBody(
                "{\"challenge\":\"1b6aef1a-401f-406a-be41-f48911eabcef\","
                    + "\"token\":\"fs-verify-token-91c4d2\",\"type\":\"url_verification\"}"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.challenge")
        .isEqualTo("1b6aef1a-401f-406a-be41-f48911eabcef");
  }

  @Test
  void refusesAUrlVerificationWithAnotherToken() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-plain")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"challenge\":\"c\",\"token\":\"guess\",\"type\":\"url_verification\"}")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_TOKEN");
  }

  @Test
  void storesAnEncryptedSignedMessageWithMentionsResolved() {
    String body = encryptedBody(message("om_fs_1", "fs-verify-token-91c4d2"));

    postSigned(body, clock.instant().getEpochSecond(), "n-1").expectStatus().isOk();
    postSigned(body, clock.instant().getEpochSecond(), "n-2").expectStatus().isOk();

    assertThat(rows(Platform.FEISHU, "feishu-app", "om_fs_1")).isEqualTo(1);
    assertThat(row(Platform.FEISHU, "feishu-app", "om_fs_1"))
        .containsEntry("text", "4.1 已完成，请 @张三 审核")
        .containsEntry("sender_id", "zhaoliu")
        .containsEntry("chat_id", "oc_5ce6d572455d361153b7xx51da133945");
  }

  @Test
  void refusesATamperedBody() {
    String body = encryptedBody(message("om_fs_2", "fs-verify-token-91c4d2"));
    String ts = Long.toString(clock.instant().getEpochSecond());
    String signature = crypto.signature(ts, "n", body.getBytes(StandardCharsets.UTF_8));

    client
        .post()
        .uri("/callbacks/feishu/feishu-app")
        .header("X-Lark-Request-Timestamp", ts)
        .header("X-Lark-Request-Nonce", "n")
        .header("X-Lark-Signature", signature)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.replace("{\"encrypt\":\"", "{\"encrypt\": \""))
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(rows(Platform.FEISHU, "feishu-app", "om_fs_2")).isZero();
  }

  @Test
  void refusesAnUnsignedEventWhenAnEncryptKeyIsSet() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-app")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(encryptedBody(message("om_fs_3", "fs-verify-token-91c4d2")))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void refusesASignedEventWithAnotherVerificationToken() {
    postSigned(
            encryptedBody(message("om_fs_4", "wrong-token")), clock.instant().getEpochSecond(), "n")
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_TOKEN");
  }

  @Test
  void refusesAStaleSignedEvent() {
    postSigned(
            encryptedBody(message("om_fs_5", "fs-verify-token-91c4d2")),
            clock.instant().getEpochSecond() - 3600,
            "n")
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("STALE_TIMESTAMP");
  }

  @Test
  void storesAPlainEventCheckedByToken() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-plain")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(message("om_fs_plain_1", "fs-plain-token-0a7d55"))
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(rows(Platform.FEISHU, "feishu-plain", "om_fs_plain_1")).isEqualTo(1);
  }

  @Test
  void refusesMalformedJson() {
    client
        .post()
        .uri("/callbacks/feishu/feishu-plain")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"schema\":\"2.0\",")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("MALFORMED");
  }

  @Test
  void refusesAnUnknownBotAndCountsIt() {
    double before = rejected("unknown_bot");

    client
        .post()
        .uri("/callbacks/feishu/nobody")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isNotFound();

    assertThat(rejected("unknown_bot")).isEqualTo(before + 1);
  }
}
