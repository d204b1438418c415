package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.SendFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The smart bot's file cipher against Tencent's published samples: the callbacks' {@code Encrypt}
 * is the same AES-256-CBC (key = the Base64 key, IV its first 16 bytes, PKCS#7 to 32 bytes) around
 * a framed message, so decrypting a sample as a file gives that frame whole. No published sample of
 * an encrypted smart-bot file exists; its own key form (44 Base64 characters) is checked against a
 * file encrypted here as the SDK's {@code decryptFile} undoes it.
 */
class SmartBotMediaTest {

  @Test
  void decryptsTencentsPublishedMessageSampleToItsWholeFrame() {
    byte[] plain =
        SmartBotMedia.decrypt(
            Base64.getDecoder().decode(WeComSamples.W_A2_ENCRYPT), WeComSamples.AES_KEY);

    // 16 random bytes, the length in 4 bytes, the XML, the receive id; the padding of 30 removed
    assertThat(plain).hasSize(16 + 4 + 284 + 18);
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    assertThat(length).isEqualTo(284);
    assertThat(new String(plain, 20, length, StandardCharsets.UTF_8))
        .startsWith("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>")
        .contains("<Content><![CDATA[hello]]></Content>");
    assertThat(new String(plain, 20 + length, 18, StandardCharsets.UTF_8))
        .isEqualTo(WeComSamples.CORP_ID);
  }

  @Test
  void decryptsTheOfficialJavaSampleWithItsFixedRandomPrefix() {
    String encrypted =
        "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    byte[] plain =
        SmartBotMedia.decrypt(Base64.getDecoder().decode(encrypted), WeComSamples.WC_KEY);

    assertThat(new String(plain, 0, 16, StandardCharsets.UTF_8)).isEqualTo(WeComSamples.WC_RANDOM);
    assertThat(new String(plain, 20, plain.length - 20, StandardCharsets.UTF_8))
        .isEqualTo("我是中文abcd123" + WeComSamples.WC_ID);
  }

  @Test
  void decryptsAFileWithTheLongConnectionsOwnAesKey() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    String aesKey =
        Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes());
    assertThat(aesKey).hasSize(44);

    byte[] encrypted = SmartBotFiles.encrypt(png, aesKey);

    assertThat(encrypted).hasSize(32);
    assertThat(SmartBotMedia.decrypt(encrypted, aesKey)).isEqualTo(png);
  }

  @Test
  void refusesAFileUnderAnotherKey() {
    byte[] encrypted = SmartBotFiles.encrypt("not a picture".getBytes(), WeComSamples.AES_KEY);

    assertThatThrownBy(() -> SmartBotMedia.decrypt(encrypted, WeComSamples.WC_KEY))
        .isInstanceOfSatisfying(SendFailure.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("padding");
  }
}
