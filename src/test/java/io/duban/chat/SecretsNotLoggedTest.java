package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.generic.GenericSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/** Accepted and refused callbacks of every platform leave no secret in the log output. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest extends ChatCallbackTestSupport {

  static final List<String> SECRETS =
      List.of(
          "QDG6eK",
          "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
          "robotToken42",
          "R0b0tAesKey0123456789abcdefghijklmnopqrstuv",
          "smartToken77",
          "SmartBotAesKey456789abcdefghijklmnopqrstuvw",
          "dt-app-secret-7f3a9c",
          "dt-push-token-63b1",
          "DingPushAesKey456789abcdefghijklmnopqrstuvw",
          "fs-encrypt-key-5b21e0",
          "fs-verify-token-91c4d2",
          "fs-plain-token-0a7d55",
          "generic-secret-3e8f17");

  @Test
  void logsRefusalsAndAcceptancesWithoutSecrets(CapturedOutput output) {
    String ts = Long.toString(clock.instant().getEpochSecond());
    String body =
        "{\"messageId\":\"leak-1\",\"chatId\":\"c\",\"senderId\":\"s\",\"text\":\"1.1 已完成\"}";
    String signature =
        GenericSignature.sign("generic-secret-3e8f17", ts, body.getBytes(StandardCharsets.UTF_8));
    client
        .post()
        .uri("/callbacks/generic/local")
        .header("X-Duban-Timestamp", ts)
        .header("X-Duban-Signature", signature)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
    client
        .post()
        .uri("/callbacks/generic/local")
        .header("X-Duban-Timestamp", ts)
        .header("X-Duban-Signature", "00")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/callbacks/wecom/wecom-robot?msg_signature=x&timestamp=1&nonce=n")
        .bodyValue("<xml><Encrypt>abc</Encrypt></xml>")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .get()
        .uri("/callbacks/wecom/wecom-app?msg_signature=x&timestamp=1&nonce=n&echostr=abc")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot")
        .header("timestamp", ts)
        .header("sign", "forged")
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/callbacks/dingtalk/dingtalk-bot?signature=x&timestamp=1&nonce=n")
        .bodyValue("{\"encrypt\":\"abc\"}")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/callbacks/feishu/feishu-app")
        .header("X-Lark-Request-Timestamp", ts)
        .header("X-Lark-Request-Nonce", "n")
        .header("X-Lark-Signature", "00")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"encrypt\":\"abc\"}")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .post()
        .uri("/callbacks/feishu/feishu-plain")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"challenge\":\"c\",\"token\":\"nope\",\"type\":\"url_verification\"}")
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(output.getAll()).contains("Refused callback").contains("bad_signature");
    for (String secret : SECRETS) {
      assertThat(output.getAll()).doesNotContain(secret);
    }
  }
}
