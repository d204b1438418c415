package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.plan.AliasSource;
import io.duban.plan.ItemAlias;
import io.duban.plan.ItemAliases;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;

/**
 * A report the bot had to ask about teaches its item: the words of the message the sender resolved
 * to an item are stored as a learned alias of that item, and a similar message from someone else is
 * then filed there without asking; removing the alias undoes it.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class AliasLearningTest {

  private static final String OFFICE_CONTACT = "huang.xiao";
  // 人才科 leads none of the items this message could be about, so nothing tips it: it is asked
  private static final String TALENT_CONTACT = "deng.li";
  private static final String PLATFORMS_CONTACT = "zhang.wei";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Autowired ReportConversation conversation;
  @Autowired ReportService reports;
  @Autowired ItemAliases aliases;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;

  @BeforeEach
  @AfterEach
  void clean() {
    clock.set(ConversationFixture.START);
    replies.sent.clear();
    for (ItemAlias learned : learned("1.2")) {
      aliases.remove("1.2", learned.alias()).block(WAIT);
    }
    db.sql("delete from progress_report")
        .then()
        .then(db.sql("delete from report_handled_message").then())
        .then(db.sql("delete from report_clarification").then())
        .block(WAIT);
  }

  @Test
  void anAnsweredQuestionTeachesTheItemSoASimilarMessageIsFiledWithoutAsking() {
    say(TALENT_CONTACT, "绩效考核的打分细则已印发，进度40%");
    assertThat(lastReply()).startsWith("您说的是哪一项？");
    say(TALENT_CONTACT, "1.2");
    assertThat(lastReply()).contains("已记录：1.2");

    assertThat(learned("1.2"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.alias()).contains("打分", "细则").doesNotContain("印发", "进度", "40");
              assertThat(a.createdBy()).isEqualTo("WECOM:" + TALENT_CONTACT);
            });
    assertThat(audited("ALIAS_LEARN")).isPositive();

    // someone else, in other words of the same kind: filed at once
    say(PLATFORMS_CONTACT, "打分细则印发了，进度50%");
    assertThat(lastReply()).contains("已记录：1.2").doesNotContain("哪一项");
    assertThat(stored()).extracting(ProgressReport::itemCode).containsExactly("1.2", "1.2");

    // removed, it teaches nothing any more
    aliases.remove("1.2", learned("1.2").get(0).alias()).block(WAIT);
    replies.sent.clear();
    say("guo.ming", "打分细则印发了，进度60%");
    assertThat(stored()).hasSize(2);
  }

  @Test
  void anAnswerTeachesNothingFromWordsOtherItemsUse() {
    say(OFFICE_CONTACT, "与火炬区、翠亨新区联动推进中，进度50%");
    assertThat(lastReply()).startsWith("您说的是哪一项？");
    say(OFFICE_CONTACT, "1.2");

    assertThat(stored()).singleElement().extracting(ProgressReport::itemCode).isEqualTo("1.2");
    assertThat(learned("1.2")).isEmpty();
  }

  private List<ItemAlias> learned(String code) {
    return aliases
        .list(code)
        .filter(a -> a.source() == AliasSource.LEARNED)
        .collectList()
        .block(WAIT);
  }

  private InboundMessage say(String sender, String text) {
    InboundMessage message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, clock.instant());
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    return message;
  }

  private List<ProgressReport> stored() {
    return reports
        .search(new ReportRepository.Filter(null, null, null, null))
        .collectList()
        .block(WAIT);
  }

  private long audited(String action) {
    return db.sql("select count(*) as n from admin_audit where action = :action")
        .bind("action", action)
        .map(r -> r.get("n", Long.class))
        .one()
        .block(WAIT);
  }

  private String lastReply() {
    assertThat(replies.sent).isNotEmpty();
    return replies.sent.get(replies.sent.size() - 1).text();
  }
}
