package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void otherDestinationsShareTheirBotsBucket() {
    assertThat(Destination.webhook(Platform.WECOM, "city").botBucket())
        .isEqualTo("wecom:city:robot");
    assertThat(Destination.chat(Platform.WECOM, "city", "wrk1").botBucket())
        .isEqualTo(Destination.chat(Platform.WECOM, "city", "wrk2").botBucket())
        .isEqualTo("wecom:city:api");
    assertThat(
            new Destination(
                    Platform.DINGTALK,
                    "ding",
                    Destination.Channel.REPLY_URL,
                    "https://oapi.dingtalk.com/robot/a")
                .botBucket())
        .isEqualTo(
            new Destination(
                    Platform.DINGTALK,
                    "ding",
                    Destination.Channel.REPLY_URL,
                    "https://oapi.dingtalk.com/robot/b")
                .botBucket());
  }

  @Test
  void aGroupIsReachedThroughTheApiOnlyWhenTheBotCanAndTheChatIsKnown() {
    assertThat(Destination.group(Platform.FEISHU, "f", "oc_1", true))
        .isEqualTo(Destination.chat(Platform.FEISHU, "f", "oc_1"));
    assertThat(Destination.group(Platform.FEISHU, "f", "oc_1", false))
        .isEqualTo(Destination.webhook(Platform.FEISHU, "f"));
    assertThat(Destination.group(Platform.FEISHU, "f", " ", true))
        .isEqualTo(Destination.webhook(Platform.FEISHU, "f"));
  }
}
