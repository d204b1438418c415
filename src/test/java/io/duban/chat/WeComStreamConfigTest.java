package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.ChatProperties.Mode;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ChatProperties.WeComKind;
import org.junit.jupiter.api.Test;

/** Stream mode is refused for kinds WeCom has no long connection for, and without credentials. */
class WeComStreamConfigTest {

  private static WeComBot bot(WeComKind kind, Mode mode, String aibotId, String secret) {
    return new WeComBot(
        "b1", kind, null, null, null, null, null, null, null, null, null, null, mode, aibotId,
        secret, null);
  }

  @Test
  void aStreamSmartBotTakesTheDefaultAddressAndItsReplyHandleHost() {
    WeComBot bot = bot(WeComKind.SMART_BOT, Mode.STREAM, "aib", "s3cret");
    assertThat(bot.streamUrl()).isEqualTo("wss://openws.work.weixin.qq.com");
    assertThat(bot.replyHosts()).contains(WeComBot.STREAM_REPLY_HOST);
    assertThat(bot.toString()).doesNotContain("s3cret");
    assertThat(ReplyUrls.allowed("wecom-stream://aibot/req-1", bot.replyHosts())).isTrue();
    assertThat(
            ReplyUrls.allowed(
                "wecom-stream://aibot/req-1",
                bot(WeComKind.SMART_BOT, Mode.CALLBACK, null, null).replyHosts()))
        .isFalse();
  }

  @Test
  void refusesStreamModeForAnAppOrGroupRobotAndWithoutBotIdOrSecret() {
    assertThatThrownBy(() -> bot(WeComKind.APP, Mode.STREAM, "aib", "s"))
        .hasMessageContaining("smart bots");
    assertThatThrownBy(() -> bot(WeComKind.GROUP_ROBOT, Mode.STREAM, "aib", "s"))
        .hasMessageContaining("smart bots");
    assertThatThrownBy(() -> bot(WeComKind.SMART_BOT, Mode.STREAM, "aib", " "))
        .hasMessageContaining("aibot-id and aibot-secret");
    assertThatThrownBy(() -> bot(WeComKind.SMART_BOT, Mode.STREAM, null, "s"))
        .hasMessageContaining("aibot-id and aibot-secret");
  }
}
