package io.duban.chat.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.CallbackRejected;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GenericSignatureTest {

  final byte[] body = "{\"text\":\"进度60%\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTimestampNewlineBodyLikeAnIndependentImplementation() {
    // computed with Python hmac.new(secret, ts + "\n" + body, sha256).hexdigest()
    assertThat(GenericSignature.sign("local-secret", "1700000000", body))
        .isEqualTo("d2316715a0ae0686ea1e6caad98d2a3441811c22625b5af1d795c63642d1eef7");
  }

  @Test
  void refusesATamperedBodyOrTimestamp() {
    String signature = GenericSignature.sign("local-secret", "1700000000", body);

    GenericSignature.verify("local-secret", "1700000000", body, signature);
    assertThatThrownBy(() -> GenericSignature.verify("local-secret", "1700000001", body, signature))
        .isInstanceOf(CallbackRejected.class);
    assertThatThrownBy(
            () ->
                GenericSignature.verify(
                    "local-secret",
                    "1700000000",
                    "{\"text\":\"进度70%\"}".getBytes(StandardCharsets.UTF_8),
                    signature))
        .isInstanceOf(CallbackRejected.class);
  }
}
