package io.duban.chat;

import static io.duban.chat.wecom.WeComSamples.AES_KEY;
import static io.duban.chat.wecom.WeComSamples.CORP_ID;
import static io.duban.chat.wecom.WeComSamples.TOKEN;
import static io.duban.chat.wecom.WeComSamples.WC_ID;
import static io.duban.chat.wecom.WeComSamples.WC_KEY;
import static io.duban.chat.wecom.WeComSamples.WC_RANDOM;
import static io.duban.chat.wecom.WeComSamples.W_A2_ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.CallbackRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WXBizMsgCrypt against Tencent's published samples (W-A1, W-A2, W-C) and, for the 32-byte padding
 * edges, against ciphertexts computed independently with Python {@code cryptography}.
 */
class CallbackCipherTest {

  final CallbackCipher official = new CallbackCipher(TOKEN, AES_KEY, CORP_ID);
  final CallbackCipher wc = new CallbackCipher("pamtest", WC_KEY, WC_ID);

  @Test
  void verifiesAndDecryptsOfficialUrlVerificationSample() {
    String echostr =
        "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    official.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echostr);

    assertThat(official.decrypt(echostr)).isEqualTo("1616140317555161061");
  }

  @Test
  void verifiesAndDecryptsOfficialMessageSampleWithPaddingOf30() {
    official.verify(
        "477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", W_A2_ENCRYPT);

    String xml = official.decrypt(W_A2_ENCRYPT);

    assertThat(xml)
        .startsWith("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>")
        .contains("<Content><![CDATA[hello]]></Content>")
        .contains("<MsgId>4561255354251345929</MsgId>")
        .endsWith("</xml>");
    assertThat(xml.getBytes(StandardCharsets.UTF_8)).hasSize(284);
    assertThat(Base64.getDecoder().decode(W_A2_ENCRYPT)).hasSize(16 + 4 + 284 + 18 + 30);
  }

  @Test
  void encryptsChineseExactlyLikeTheOfficialJavaSample() {
    String encrypted = wc.encrypt("我是中文abcd123", WC_RANDOM);

    assertThat(encrypted)
        .isEqualTo(
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
    assertThat(wc.decrypt(encrypted)).isEqualTo("我是中文abcd123");
  }

  @ParameterizedTest(name = "{0} bytes of message, pad {1}")
  @CsvSource({
    // message bytes, padding, message, ciphertext computed with Python cryptography
    "26, 32, aaaaaaaaaaaaaaaaaaaaaaaaaa,"
        + " jn1L23DB+6ELqJ+6bruv26Bs5uYCV3HVmgeO4vSad7dLDr7+rnWyemcCRN5OR7WyYIOVZ+rWh44sv5pSbGODsKolwuzQmZIEVqYvwyIth36mxM82Fq0uc5AzBeGHP4YA",
    "25, 1, aaaaaaaaaaaaaaaaaaaaaaaaa,"
        + " jn1L23DB+6ELqJ+6bruv20yaNGgWhHokW7lfxGcZyvYaiqIk9i/9vFMUp9kksB2Dkp0WMXGKa0Uh08vkCGEOMA==",
    "58, 32, 进度百分之六十，已报送材料我是中文abcd123,"
        + " jn1L23DB+6ELqJ+6bruv25Iaf+/y47z30WThdSVq/PoXqk6TVFpJofIkdsGVuJclQbEoNLINBp7X/5qNaqWyQXAouQDdl9/CysUd/SnVz/TJHfDXfkv6Hhw+5624Cklt/z6M9LkluNf7JPwmb5mOOWgg7o6NDSEWrJzA2aGVYvo=",
    "57, 1, 进度百分之六十，已报送材料我是中文abcd12,"
        + " jn1L23DB+6ELqJ+6bruv213rg1dZhVPjgiWfICnqdUl7DmRU+cF2Zh3zjhFmuHE5LgzFv4nK7WxObpYIosjP6OyeLgng/JONNxbZ687sQBVhcmVchiZa286/0tthyTaq",
  })
  void handlesThe32BytePaddingEdges(int bytes, int pad, String message, String expected) {
    assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);

    String encrypted = wc.encrypt(message, WC_RANDOM);

    assertThat(encrypted).isEqualTo(expected);
    byte[] raw = Base64.getDecoder().decode(encrypted);
    assertThat(raw).hasSize(16 + 4 + bytes + WC_ID.length() + pad);
    assertThat(wc.decrypt(encrypted)).isEqualTo(message);
  }

  @Test
  void padsAWholeBlockWhenAlreadyAligned() {
    assertThat(CallbackCipher.pad(new byte[64])).hasSize(96).endsWith((byte) 32, (byte) 32);
    assertThat(CallbackCipher.pad(new byte[63])).hasSize(64).endsWith((byte) 1);
    assertThat(CallbackCipher.unpad(CallbackCipher.pad(new byte[31]))).hasSize(31);
  }

  @Test
  void roundTripsWithARandomPrefix() {
    String text = "<xml><Content><![CDATA[2 科技型中小企业评价入库完成，进度80%]]></Content></xml>";

    String first = official.encrypt(text);
    String second = official.encrypt(text);

    assertThat(first).isNotEqualTo(second);
    assertThat(official.decrypt(first)).isEqualTo(text);
    assertThat(official.decrypt(second)).isEqualTo(text);
  }

  @Test
  void rejectsATamperedSignature() {
    assertThatThrownBy(
            () ->
                official.verify(
                    "477715d11cdb4164915debcba66cb864d751f3e7",
                    "1409659813",
                    "1372623149",
                    W_A2_ENCRYPT))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void rejectsACiphertextChangedAfterSigning() {
    String tampered = "S" + W_A2_ENCRYPT.substring(1);

    assertThatThrownBy(
            () ->
                official.verify(
                    "477715d11cdb4164915debcba66cb864d751f3e6",
                    "1409659813",
                    "1372623149",
                    tampered))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void rejectsAnotherReceiveId() {
    CallbackCipher otherCorp = new CallbackCipher(TOKEN, AES_KEY, "wwanothercorp");

    assertThatThrownBy(() -> otherCorp.decrypt(W_A2_ENCRYPT))
        .isInstanceOfSatisfying(
            CallbackRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.RECEIVE_ID_MISMATCH));
  }

  @Test
  void rejectsGarbageThatDecryptsToBadPadding() {
    // last block altered: the padding byte no longer describes a valid PKCS#7 tail
    byte[] raw = Base64.getDecoder().decode(W_A2_ENCRYPT);
    raw[raw.length - 1] ^= 0x55;
    String broken = Base64.getEncoder().encodeToString(raw);

    assertThatThrownBy(() -> official.decrypt(broken))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_PADDING));
  }

  @Test
  void rejectsCiphertextThatIsNotWholeBlocks() {
    assertThatThrownBy(() -> official.decrypt(Base64.getEncoder().encodeToString(new byte[40])))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_PADDING));
    assertThatThrownBy(() -> official.decrypt("not base64 ***"))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }
}
