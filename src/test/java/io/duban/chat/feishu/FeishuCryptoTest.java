package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Feishu event crypto against the documented decryption example (Encrypt Key {@code test key}) and,
 * for signature and Chinese text, values computed independently with Python.
 */
class FeishuCryptoTest {

  final FeishuCrypto crypto = new FeishuCrypto("test key");
  final byte[] iv = new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  @Test
  void decryptsTheDocumentedExample() {
    assertThat(crypto.decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="))
        .isEqualTo("hello world");
  }

  @Test
  void encryptsChineseLikeAnIndependentImplementation() {
    String encrypted = crypto.encrypt("中文飞书消息测试", iv);

    assertThat(encrypted)
        .isEqualTo("AAECAwQFBgcICQoLDA0OD2nARv9mIRtiuBnPDVKeRJKdoZDJlrtGdX87tNC8nsKC");
    assertThat(crypto.decrypt(encrypted)).isEqualTo("中文飞书消息测试");
  }

  @Test
  void roundTripsAChallengeWhoseLengthIsAWholeBlock() {
    String sixteen = "{\"a\":\"0123456\"}";
    assertThat(sixteen.getBytes(StandardCharsets.UTF_8)).hasSize(15);
    String exact = "{\"a\":\"01234567\"}";
    assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(16);

    String encrypted = crypto.encrypt(exact, iv);

    assertThat(Base64.getDecoder().decode(encrypted)).hasSize(16 + 32);
    assertThat(crypto.decrypt(encrypted)).isEqualTo(exact);
    assertThat(crypto.decrypt(crypto.encrypt(sixteen, iv))).isEqualTo(sixteen);
  }

  @Test
  void signsTimestampNonceKeyAndRawBody() {
    byte[] body = "{\"encrypt\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(crypto.signature("1677254849", "533226633", body))
        .isEqualTo("d682cf0a1338e05100d59890a36f6e74f2df4f98684ea0972167da1862c8a76a");
  }

  @Test
  void refusesASignatureOverAnotherBody() {
    byte[] body = "{\"encrypt\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
    String signature = crypto.signature("1677254849", "533226633", body);

    crypto.verify(signature, "1677254849", "533226633", body);
    assertThatThrownBy(
            () ->
                crypto.verify(
                    signature,
                    "1677254849",
                    "533226633",
                    "{\"encrypt\":\"abd\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void refusesAnotherKeyByPadding() {
    FeishuCrypto other = new FeishuCrypto("other key");
    String encrypted = crypto.encrypt("{\"challenge\":\"c\",\"type\":\"url_verification\"}", iv);

    assertThatThrownBy(() -> other.decrypt(encrypted))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_PADDING));
  }
}
