package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import org.junit.jupiter.api.Test;

/** When a known user id is taken as its contact, and when as a leader. */
class SpeakerTest {

  static Contact contact(ContactRole role, String corp) {
    return new Contact(1, "platforms", "张伟", Platform.DINGTALK, "u1", role, null, null, null, corp);
  }

  static Speaker.Found found(
      Contact c, boolean own, boolean leaders, boolean registered, boolean bot) {
    return new Speaker.Found(c, own, leaders, registered, bot);
  }

  @Test
  void aContactIsTrustedInItsUnitsChatsAndDirectlyThroughItsUnitsBotOnly() {
    Contact c = contact(ContactRole.CONTACT, null);
    assertThat(found(c, true, false, true, true).judge(false, null).trusted()).isTrue();
    assertThat(found(c, false, false, true, true).judge(false, null).trusted())
        .as("another unit's chat")
        .isFalse();
    assertThat(found(c, false, false, false, false).judge(false, null).trusted())
        .as("an unregistered chat through another bot")
        .isFalse();
    assertThat(found(c, false, false, false, true).judge(true, null).trusted()).isTrue();
    assertThat(found(c, false, false, false, false).judge(true, null).trusted())
        .as("directly through a bot that serves none of its chats")
        .isFalse();
  }

  @Test
  void aContactBoundToAnOrganisationIsNotTrustedWhenTheMessageNamesAnother() {
    Contact c = contact(ContactRole.CONTACT, "dingcorpA");
    assertThat(found(c, true, false, true, true).judge(false, "dingcorpA").trusted()).isTrue();
    assertThat(found(c, true, false, true, true).judge(false, "dingcorpB").trusted()).isFalse();
    assertThat(found(c, true, false, true, true).judge(false, null).trusted()).isFalse();
  }

  @Test
  void aLeaderCommandsOnlyInTheLeadersChatsOrDirectly() {
    Contact leader = contact(ContactRole.LEADER, null);
    Speaker inUnitChat = found(leader, false, false, true, true).judge(false, null);
    assertThat(inUnitChat.trusted()).isTrue();
    assertThat(inUnitChat.leadersPlace()).isFalse();
    assertThat(found(leader, true, true, true, true).judge(false, null).leadersPlace()).isTrue();
    assertThat(found(leader, false, false, false, true).judge(true, null).leadersPlace()).isTrue();
    assertThat(found(leader, false, false, false, false).judge(false, null).leadersPlace())
        .isFalse();
  }
}
