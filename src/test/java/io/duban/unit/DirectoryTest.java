package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a user id speaks, found in memory as the query over unit, contact and chat found it. */
class DirectoryTest {

  private static final Contact ZHANG =
      new Contact(
          1, "kjk", "张伟", Platform.WECOM, "zhang", ContactRole.CONTACT, null, null, null, null);
  private static final Contact LI =
      new Contact(
          2, "leaders", "李局", Platform.WECOM, "li", ContactRole.LEADER, null, null, null, null);

  private final Directory directory =
      new Directory(
          List.of(
              new Unit("kjk", "科技科", UnitKind.DEPARTMENT),
              new Unit("gxk", "高新科", UnitKind.DEPARTMENT),
              new Unit("leaders", "局领导", UnitKind.LEADERS)),
          List.of(ZHANG, LI),
          List.of(
              new GroupChat(1, "kjk", Platform.WECOM, "robot", "kjk-room", null),
              new GroupChat(2, "gxk", Platform.WECOM, "robot", "gxk-room", null),
              new GroupChat(3, "leaders", Platform.WECOM, "robot", "leaders-room", null),
              new GroupChat(4, "kjk", Platform.WECOM, "robot", "shared-room", null),
              new GroupChat(5, "leaders", Platform.WECOM, "robot", "shared-room", null)));

  @Test
  void findsTheContactsOwnChatOnlyThroughTheBotItIsRegisteredWith() {
    assertThat(found(Platform.WECOM, "robot", "kjk-room", "zhang"))
        .isEqualTo(new Speaker.Found(ZHANG, true, false, true, true));
    assertThat(found(Platform.WECOM, "other-bot", "kjk-room", "zhang"))
        .as("the same chat id through another bot")
        .isEqualTo(new Speaker.Found(ZHANG, false, false, false, false));
    assertThat(found(Platform.WECOM, "robot", "gxk-room", "zhang"))
        .as("another unit's chat")
        .isEqualTo(new Speaker.Found(ZHANG, false, false, true, true));
    assertThat(found(Platform.WECOM, "robot", null, "zhang"))
        .as("a direct chat with the unit's bot")
        .isEqualTo(new Speaker.Found(ZHANG, false, false, false, true));
  }

  @Test
  void tellsTheLeadersChatsAndAChatSharedByAUnitAndTheLeaders() {
    assertThat(found(Platform.WECOM, "robot", "leaders-room", "li"))
        .isEqualTo(new Speaker.Found(LI, true, true, true, true));
    assertThat(found(Platform.WECOM, "robot", "shared-room", "zhang"))
        .isEqualTo(new Speaker.Found(ZHANG, true, true, true, true));
    assertThat(found(Platform.WECOM, "robot", "kjk-room", "li"))
        .isEqualTo(new Speaker.Found(LI, false, false, true, true));
  }

  @Test
  void knowsNoUserIdOfAnotherPlatformAndFindsUnitsByCode() {
    assertThat(directory.speaker(Platform.DINGTALK, "robot", "kjk-room", "zhang")).isEmpty();
    assertThat(directory.speaker(Platform.WECOM, "robot", "kjk-room", "nobody")).isEmpty();
    assertThat(directory.unit("gxk")).map(Unit::name).contains("高新科");
    assertThat(directory.unit("none")).isEmpty();
    assertThat(directory.unit(null)).isEmpty();
  }

  private Speaker.Found found(Platform platform, String bot, String chat, String user) {
    return directory.speaker(platform, bot, chat, user).orElseThrow();
  }
}
