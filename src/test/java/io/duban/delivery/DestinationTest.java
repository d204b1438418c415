package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import org.junit.jupiter.api.Test;

class DestinationTest {

  private static final String GROUP_A =
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=aaaa-1111-secret";
  private static final String GROUP_B =
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bbbb-2222-secret";

  @Test
  void eachWeComGroupRobotHasItsOwnBucketAndItsKeyIsNotShown() {
    String a =
        new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_A).rateKey();
    String b =
        new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_B).rateKey();

    assertThat(a).startsWith("wecom:city:robot:").isNotEqualTo(b);
    assertThat(
            new Destination(Platform.WECOM, "city", Destination.Channel.REPLY_URL, GROUP_A)
                .rateKey())
        .isEqualTo(a);
    assertThat(a).doesNotContain("secret").doesNotContain("aaaa");
  }

  @Test
  void otherDestinationsShareTheirBotsBucket() {
    assertThat(Destination.webhook(Platform.WECOM, "city").rateKey()).isEqualTo("wecom:city:robot");
    assertThat(Destination.chat(Platform.WECOM, "city", "wrk1").rateKey())
        .isEqualTo(Destination.chat(Platform.WECOM, "city", "wrk2").rateKey())
        .isEqualTo("wecom:city:api");
    assertThat(
            new Destination(
                    Platform.DINGTALK,
                    "ding",
                    Destination.Channel.REPLY_URL,
                    "https://oapi.dingtalk.com/robot/a")
                .rateKey())
        .isEqualTo(
            new Destination(
                    Platform.DINGTALK,
                    "ding",
                    Destination.Channel.REPLY_URL,
                    "https://oapi.dingtalk.com/robot/b")
                .rateKey());
  }
}
