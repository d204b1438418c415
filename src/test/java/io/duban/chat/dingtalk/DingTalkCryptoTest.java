package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import org.junit.jupiter.api.Test;

/**
 * DingTalk's event push crypto (the WXBizMsgCrypt scheme) against DingTalk's own published samples,
 * and the robot HTTP-mode signature.
 */
class DingTalkCryptoTest {

  @Test
  void decryptsTheConfigureStreamPushFaqSampleWithPaddingOf17() {
    // 配置事件推送方式 FAQ sample: token 123456, owner key = AppKey
    CallbackCipher crypto =
        new CallbackCipher(
            "123456", "1234567890123456789012345678901234567890123", "dingsnotzck6pm5veliw");
    String encrypt =
        "YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5T0YQXZNwpwWSm1xAFJ5ZA==";

    crypto.verify(
        "9a95a004dd16f5c307e849b994173f76aa26e5eb", "1614767836", "A7Co0cJLMzIDtMMI", encrypt);

    assertThat(crypto.decrypt(encrypt)).isEqualTo("success");
  }

  @Test
  void decryptsTheCallbackDebuggingSampleOfTheOldDeveloperDocs() {
    // 回调接口本地调试方案 sample (ISV suite callback): millisecond timestamp, suite key owner
    CallbackCipher crypto =
        new CallbackCipher(
            "123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite4xxxxxxxxxxxxxxx");
    String encrypt =
        "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdU"
            + "BmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnN"
            + "OS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==";

    crypto.verify("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r", encrypt);

    assertThat(crypto.decrypt(encrypt))
        .isEqualTo(
            "{\"EventType\":\"check_create_suite_url\",\"Random\":\"LPIdSnlF\","
                + "\"TestSuiteKey\":\"suite4xxxxxxxxxxxxxxx\"}");
  }

  @Test
  void refusesTheSampleForAnotherAppKey() {
    CallbackCipher crypto =
        new CallbackCipher("123456", "1234567890123456789012345678901234567890123", "dingother");

    assertThatThrownBy(
            () ->
                crypto.decrypt(
                    "YvkvaGe4hQxd3VxRmEty0dVlnCOAqwf56xwTRHDHoOURqhalbmBJQk5FNcRk42Gl5T0YQXZNwpwWSm1xAFJ5ZA=="))
        .isInstanceOfSatisfying(
            CallbackRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.RECEIVE_ID_MISMATCH));
  }

  @Test
  void signsTheRobotHeaderAsTheDocumentedFormulaGives() {
    // inputs from DingTalk's doc examples; expected value recomputed with Python hmac
    assertThat(DingTalkRobotSignature.sign("this is secret", "1577262236757"))
        .isEqualTo("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
    assertThat(DingTalkRobotSignature.sign("this is a secret", "1577262236757"))
        .isEqualTo("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=");
  }

  @Test
  void refusesARobotSignFromAnotherSecret() {
    String sign = DingTalkRobotSignature.sign("this is a secret", "1577262236757");

    DingTalkRobotSignature.verify("this is a secret", "1577262236757", sign);
    assertThatThrownBy(() -> DingTalkRobotSignature.verify("this is secret", "1577262236757", sign))
        .isInstanceOfSatisfying(
            CallbackRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThatThrownBy(
            () -> DingTalkRobotSignature.verify("this is a secret", "1577262236758", sign))
        .isInstanceOf(CallbackRejected.class);
  }
}
