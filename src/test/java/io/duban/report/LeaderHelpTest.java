package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import org.junit.jupiter.api.Test;

/** 帮助 answers each person with the commands that person can use. */
class LeaderHelpTest {

  static Contact person(ContactRole role) {
    return new Contact(1, "leaders", "陈局长", Platform.WECOM, "chen", role, null, null, null);
  }

  @Test
  void leadersHelpListsTheirCommands() {
    assertThat(ReplyTexts.help(person(ContactRole.LEADER)))
        .contains("确认办结 1.3", "重新打开 1.3", "未报", "查询 1.2");
  }

  @Test
  void contactsHelpStaysAboutReporting() {
    assertThat(ReplyTexts.help(person(ContactRole.CONTACT)))
        .isEqualTo(ReplyTexts.HELP)
        .doesNotContain("确认办结");
    assertThat(ReplyTexts.help(null)).isEqualTo(ReplyTexts.HELP);
  }
}
