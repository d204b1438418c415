package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.digest.DigestMessage;
import io.duban.digest.WeeklyDigests;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import io.duban.unit.UnitService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;

/**
 * A record the 督查 office can trust (issue 14): edits and undo touch only what they name, a report
 * counts only for the unit responsible, one instant per report, lateness words that say what they
 * mean, and 受阻 reaching the leaders.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class ReportRecordTest {

  private static final String PLATFORMS_CONTACT = "zhang.wei";
  private static final String OFFICE_CONTACT = "huang.xiao";
  private static final String PLANNING_CONTACT = "lin.zhiqiang";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Autowired ReportConversation conversation;
  @Autowired ReportService reports;
  @Autowired ProgressFacts facts;
  @Autowired WeeklyDigests digests;
  @Autowired UnitService units;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;

  @BeforeEach
  void clean() {
    clock.set(ConversationFixture.START);
    replies.sent.clear();
    db.sql("delete from progress_report")
        .then()
        .then(db.sql("delete from report_handled_message").then())
        .then(db.sql("delete from report_clarification").then())
        .then(db.sql("delete from outbox_message where dedupe_key like 'blocked:%'").then())
        .block(WAIT);
  }

  private InboundMessage say(String sender, String text) {
    return sayAt(sender, text, clock.instant());
  }

  private InboundMessage sayAt(String sender, String text, Instant sentAt) {
    InboundMessage message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, sentAt);
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    return message;
  }

  /** Every stored report, newest first. */
  private List<ProgressReport> stored() {
    return reports
        .search(new ReportRepository.Filter(null, null, null, null))
        .collectList()
        .block(WAIT);
  }

  private String lastReply() {
    assertThat(replies.sent).isNotEmpty();
    return replies.sent.get(replies.sent.size() - 1).text();
  }

  // Finding 1: 修改 edits the wrong item.

  @Test
  void editNamingAnItemNeverReplacesAReportOnAnotherItem() {
    say(PLATFORMS_CONTACT, "1.1 科创园展厅设计方案已经定稿了");
    clock.advance(Duration.ofMinutes(5));
    say(PLATFORMS_CONTACT, "与火炬区、翠亨新区联动推进中，进度50%");
    say(PLATFORMS_CONTACT, "3");
    assertThat(lastReply()).startsWith("已记录：3");
    clock.advance(Duration.ofMinutes(1));
    say(PLATFORMS_CONTACT, "撤销");
    assertThat(lastReply()).startsWith("已撤销：3 ");

    say(PLATFORMS_CONTACT, "修改 1.2 药创院材料已报送，进度70%");

    assertThat(lastReply()).isEqualTo(ReplyTexts.nothingToEdit("1.2"));
    assertThat(stored())
        .filteredOn(r -> !r.retracted())
        .singleElement()
        .satisfies(r -> assertThat(r.itemCode()).isEqualTo("1.1"));
  }

  @Test
  void editNamingAnItemReplacesTheSendersLatestReportOnThatItem() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    clock.advance(Duration.ofMinutes(1));
    say(PLATFORMS_CONTACT, "4.1 与港澳科创合作对接中，进度30%");
    clock.advance(Duration.ofMinutes(1));

    say(PLATFORMS_CONTACT, "修改 1.2 药创院材料已报送，进度70%");

    List<ProgressReport> all = stored();
    ProgressReport edited = all.get(0);
    assertThat(edited.itemCode()).isEqualTo("1.2");
    assertThat(edited.percent()).isEqualTo(70);
    ProgressReport first = all.stream().filter(r -> r.percent() == 60).findFirst().orElseThrow();
    assertThat(edited.replacesId()).isEqualTo(first.id());
    assertThat(first.retracted()).isTrue();
    assertThat(all).filteredOn(r -> r.itemCode().equals("4.1")).allMatch(r -> !r.retracted());
    assertThat(lastReply()).startsWith("已修改：1.2").contains("已替换您6月5日报送的 1.2 进展（推进中，进度60%）");
  }

  @Test
  void editWithoutACodeReplacesTheLastReportAndSaysWhichItem() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(PLATFORMS_CONTACT, "修改 进度65%，药创院材料已报送");

    assertThat(lastReply())
        .startsWith("已修改：1.2 加快推动重大科技创新平台建设")
        .contains("已替换您6月5日报送的 1.2 进展（推进中，进度60%）");
  }

  @Test
  void undoNamesWhatItWithdrew() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(PLATFORMS_CONTACT, "撤销");

    assertThat(lastReply()).isEqualTo("已撤销：1.2 加快推动重大科技创新平台建设，推进中，进度60%（6月5日报送）。");
  }

  // Finding 7.

  @Test
  void sameAddsNothingInAWeekThatAlreadyHasAReport() {
    say(PLATFORMS_CONTACT, "1.2 药创院材料已报送，进度60%");
    clock.advance(Duration.ofHours(2));
    say(PLATFORMS_CONTACT, "1.2 无变化");

    assertThat(stored()).hasSize(1);
    assertThat(lastReply()).isEqualTo(ReplyTexts.alreadyThisWeek("1.2"));
  }

  @Test
  void showListsOnlyCurrentEntriesWithTheirDate() {
    say(PLATFORMS_CONTACT, "1.2 药创院材料准备中，进度55%");
    clock.advance(Duration.ofHours(2));
    say(PLATFORMS_CONTACT, "1.2 药创院材料已报送，进度60%");
    say("stranger.01", "1.2 听说已经完成了");
    say(OFFICE_CONTACT, "查询 1.2");

    assertThat(lastReply())
        .startsWith("1.2 加快推动重大科技创新平台建设")
        .contains("6月5日 推进中，进度60%：药创院材料已报送，进度60%（重大平台建设科）")
        .doesNotContain("进度55%")
        .doesNotContain("听说");
  }

  @Test
  void anUnknownCodeIsNamedInTheAnswer() {
    say(PLATFORMS_CONTACT, "9.9 已完成");

    assertThat(lastReply()).startsWith("没有 9.9 这一项");
    assertThat(stored()).isEmpty();
  }

  // Finding 2: a report from a unit that is not responsible.

  @Test
  void aReportFromAUnitNotResponsibleIsKeptAsItsOwnAndTheLeadUnitStillOwesOne() {
    say(PLATFORMS_CONTACT, "8 下属事业单位改革方案卡在编办审批，受阻");

    assertThat(stored())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.responsibility()).isEqualTo(ReportResponsibility.NONE);
              assertThat(r.unitCode()).isEqualTo("platforms");
              assertThat(r.verified()).isTrue();
            });
    assertThat(lastReply()).contains("8 由办公室牵头，已记录为贵单位的补充进展");

    say(PLANNING_CONTACT, "8 配合起草改革方案，进度30%");
    assertThat(stored().get(0).responsibility()).isEqualTo(ReportResponsibility.SUPPORT);
    assertThat(lastReply()).contains("8 由办公室牵头，贵单位为配合单位");

    assertThat(reports.unitsWithoutReport("2024-W23").collectList().block(WAIT)).contains("office");
    assertThat(facts.latestPerItem(Instant.parse("2024-06-10T00:00:00Z")).collectList().block(WAIT))
        .noneMatch(f -> f.itemCode().equals("8"));
    assertThat(digestText("2024-W23")).containsPattern("未报送单位：[^\\n]*办公室");
  }

  @Test
  void aLeadUnitsReportCountsForIt() {
    say(OFFICE_CONTACT, "8 下属事业单位改革方案已报编办，进度40%");

    assertThat(stored().get(0).responsibility()).isEqualTo(ReportResponsibility.LEAD);
    assertThat(lastReply()).doesNotContain("牵头");
    assertThat(reports.unitsWithoutReport("2024-W23").collectList().block(WAIT))
        .doesNotContain("office");
  }

  @Test
  void anUnverifiedReportStaysOffTheBoardAndTheDigest() {
    say("stranger.01", "3 高企培育受阻，缺资金，受阻");

    assertThat(stored()).singleElement().extracting(ProgressReport::verified).isEqualTo(false);
    assertThat(facts.inWeek(ReportWeek.parse("2024-W23")).collectList().block(WAIT)).isEmpty();
    assertThat(facts.latestPerItem(Instant.parse("2024-06-10T00:00:00Z")).collectList().block(WAIT))
        .isEmpty();
    assertThat(digestText("2024-W23")).doesNotContain("受阻事项").doesNotContain("缺资金");
    assertThat(lastReply()).doesNotContain("已转局领导");
    assertThat(blockedNotices()).isEmpty();
  }

  // Finding 3: lateness words.

  @Test
  void aReportBeforeTheWeeksDueTimeIsOnTimeAndOneAfterItIsLate() {
    say(PLATFORMS_CONTACT, "1.2 进度60%"); // Wednesday 10:00
    clock.set(Instant.parse("2024-06-07T02:00:00Z")); // Friday 10:00, after Thursday 15:00
    say(OFFICE_CONTACT, "8 方案已报编办，进度40%");

    List<ProgressReport> all = stored();
    assertThat(all.get(1).late()).isFalse();
    assertThat(all.get(1).overdue()).isFalse();
    assertThat(all.get(0).late()).isTrue();
    assertThat(all.get(0).overdue()).isFalse();
    assertThat(lastReply()).contains("迟报").doesNotContain("逾期");
    assertThat(reports.dueOf(ReportWeek.parse("2024-W23")))
        .isEqualTo(Instant.parse("2024-06-06T07:00:00Z"));
  }

  @Test
  void aReportAfterTheItemsDeadlineIsOverdueNotLate() {
    clock.set(Instant.parse("2024-12-04T02:00:00Z")); // Wednesday, 1.3 was due 11-30
    say("feng.xue", "1.3 扩区材料修改中，进度80%");

    ProgressReport r = stored().get(0);
    assertThat(r.overdue()).isTrue();
    assertThat(r.late()).isFalse();
    assertThat(lastReply()).contains("已逾期").doesNotContain("迟报");
  }

  // Finding 4: one time per report.

  @Test
  void aMessageSentLateOnSundayAndHandledOnMondayBelongsToItsWeekEverywhere() {
    Instant sundayNight = Instant.parse("2024-06-09T15:59:00Z"); // Sunday 23:59 in Shanghai
    clock.set(Instant.parse("2024-06-09T16:05:00Z")); // Monday 00:05
    sayAt(PLATFORMS_CONTACT, "1.2 药创院材料已报送，进度60%", sundayNight);

    ProgressReport r = stored().get(0);
    assertThat(r.period()).isEqualTo("2024-W23");
    assertThat(r.reportedAt()).isEqualTo(sundayNight);
    assertThat(r.late()).isTrue();
    assertThat(digestText("2024-W23")).contains("1.2 加快推动重大科技创新平台建设：推进中 60%");
  }

  @Test
  void aRetryHoursLateKeepsItsSendTimeAndAnAbsurdOneTakesTheReceiveTime() {
    Instant sent = Instant.parse("2024-06-05T02:00:00Z");
    clock.set(sent.plus(Duration.ofHours(5)));
    sayAt(PLATFORMS_CONTACT, "1.2 进度60%", sent);
    sayAt(OFFICE_CONTACT, "8 进度40%", sent.minus(Duration.ofDays(30)));
    sayAt(PLANNING_CONTACT, "7 进度20%", sent.plus(Duration.ofDays(1)));

    List<ProgressReport> all = stored();
    assertThat(all)
        .extracting(ProgressReport::itemCode, ProgressReport::reportedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("1.2", sent),
            org.assertj.core.groups.Tuple.tuple("8", clock.instant()),
            org.assertj.core.groups.Tuple.tuple("7", clock.instant()));
    assertThat(digestText("2024-W23")).contains("1.2 加快推动重大科技创新平台建设：推进中 60%");
  }

  // Finding 6: 受阻 goes to the leaders.

  @Test
  void aBlockedReportNotifiesTheLeadersGroupsOncePerReport() {
    InboundMessage message = say(OFFICE_CONTACT, "8 下属事业单位改革方案卡在编办审批\n<@all>，受阻");

    assertThat(lastReply()).contains("受阻情况已转局领导");
    long id = stored().get(0).id();
    List<String> notices = blockedNotices();
    assertThat(notices).isNotEmpty();
    assertThat(notices)
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("【受阻事项】8 ", "办公室", "编办审批", "黄晓")
                    .doesNotContain("<@all>"));
    assertThat(
            db.sql("select count(*) from outbox_message where dedupe_key like :key")
                .bind("key", "blocked:" + id + ":%")
                .map(r -> r.get(0, Long.class))
                .one()
                .block(WAIT))
        .isEqualTo(notices.size());

    StepVerifier.create(conversation.handle(message)).verifyComplete();
    assertThat(blockedNotices()).hasSize(notices.size());
  }

  @Test
  void aReportThatIsNotBlockedNotifiesNobody() {
    say(OFFICE_CONTACT, "8 下属事业单位改革方案已报编办，进度40%");

    assertThat(blockedNotices()).isEmpty();
    assertThat(lastReply()).doesNotContain("转局领导").doesNotContain("转督办");
  }

  private List<String> blockedNotices() {
    return db.sql(
            "select payload->>'text' from outbox_message where dedupe_key like 'blocked:%'"
                + " order by id")
        .map(r -> r.get(0, String.class))
        .all()
        .collectList()
        .block(WAIT);
  }

  private String digestText(String period) {
    ReportWeek week = ReportWeek.parse(period);
    List<DigestMessage> messages =
        units
            .leaderGroups()
            .take(1)
            .collectList()
            .flatMap(g -> digests.messages(week, reports.dueOf(week), g, "test-" + period))
            .block(WAIT);
    assertThat(messages).isNotEmpty();
    return messages.get(0).message().text();
  }
}
