package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

  @Test
  void removesTheLeadingMentionWhateverSpaceFollowsIt() {
    assertThat(Mentions.stripLeading("@督办助手 1.2 已报送")).isEqualTo("1.2 已报送");
    assertThat(Mentions.stripLeading("@督办助手\u20051.2 已报送")).isEqualTo("1.2 已报送");
    assertThat(Mentions.stripLeading("  @RobotA\u3000hello robot ")).isEqualTo("hello robot");
  }

  @Test
  void keepsLaterMentionsAndTextWithoutMention() {
    assertThat(Mentions.stripLeading("@督办助手 @张三 请跟进")).isEqualTo("@张三 请跟进");
    assertThat(Mentions.stripLeading("进度60% 联系 @张三")).isEqualTo("进度60% 联系 @张三");
    assertThat(Mentions.stripLeading(null)).isEmpty();
  }
}
