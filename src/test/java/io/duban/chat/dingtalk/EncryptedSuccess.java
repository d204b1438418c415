package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackJson;
import tools.jackson.databind.JsonNode;

/** What every answer to a DingTalk event push must be: an encrypted, signed {@code success}. */
final class EncryptedSuccess {

  private EncryptedSuccess() {}

  /** Asserts {@code answer} is {@code success} encrypted and signed with {@code cipher}. */
  static void assertAnswer(CallbackCipher cipher, String answer) {
    JsonNode json = CallbackJson.parse(answer);
    String encrypted = CallbackJson.text(json, "encrypt");
    cipher.verify(
        CallbackJson.text(json, "msg_signature"),
        CallbackJson.text(json, "timeStamp"),
        CallbackJson.text(json, "nonce"),
        encrypted);
    assertThat(cipher.decrypt(encrypted)).isEqualTo("success");
  }
}
