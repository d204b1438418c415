package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
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

@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class ReportConversationTest {

  private static final String PLATFORMS_CONTACT = "zhang.wei";
  private static final String OFFICE_CONTACT = "huang.xiao";
  private static final String LEADER = "chen.juzhang";

  @Autowired ReportConversation conversation;
  @Autowired ReportService reports;
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
        .block(Duration.ofSeconds(10));
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
        .block(Duration.ofSeconds(10));
  }

  private String lastReply() {
    assertThat(replies.sent).isNotEmpty();
    return replies.sent.get(replies.sent.size() - 1).text();
  }

  @Test
  void storesAReportFromAContactAndConfirmsItOnce() {
    InboundMessage message = say(PLATFORMS_CONTACT, "1.2 药创院省重点实验室申报材料已报送，进度60%");

    assertThat(stored())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.itemCode()).isEqualTo("1.2");
              assertThat(r.unitCode()).isEqualTo("platforms");
              assertThat(r.contactId()).isNotNull();
              assertThat(r.status()).isEqualTo(ReportStatus.IN_PROGRESS);
              assertThat(r.percent()).isEqualTo(60);
              assertThat(r.text()).isEqualTo("药创院省重点实验室申报材料已报送，进度60%");
              assertThat(r.period()).isEqualTo("2024-W23");
              assertThat(r.inboundMessageId()).isEqualTo(message.id());
              assertThat(r.verified()).isTrue();
              assertThat(r.late()).isFalse();
            });
    assertThat(replies.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.source()).isEqualTo(message);
              assertThat(s.dedupeKey()).isEqualTo("report-reply:" + message.id());
              assertThat(s.text()).contains("1.2 加快推动重大科技创新平台建设", "推进中，进度60%", "撤销");
            });
  }

  @Test
  void handlingTheSameMessageAgainStoresNothingAndSaysNothingMore() {
    InboundMessage message = say(PLATFORMS_CONTACT, "1.2 进度60%");
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    StepVerifier.create(conversation.handle(message)).verifyComplete();

    assertThat(stored()).hasSize(1);
    assertThat(replies.sent).hasSize(1);
    assertThat(
            db.sql(
                    "select outcome from report_handled_message where inbound_message_id = "
                        + message.id())
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10)))
        .containsExactly("REPORT");
  }

  @Test
  void chatterIsNeitherStoredNorAnswered() {
    say(PLATFORMS_CONTACT, "收到，谢谢提醒");
    say(PLATFORMS_CONTACT, "👍");

    assertThat(stored()).isEmpty();
    assertThat(replies.sent).isEmpty();
  }

  @Test
  void anUnclearLineIsAskedAboutAndTheCodeInTheAnswerCompletesIt() {
    say(OFFICE_CONTACT, "与火炬区、翠亨新区联动推进中，进度50%");

    assertThat(stored()).isEmpty();
    assertThat(lastReply())
        .startsWith("您说的是哪一项？回复编号：")
        .contains("4.1 推动“香港科创+中山制造”举措落实落细")
        .contains("1.2 加快推动重大科技创新平台建设");

    say(OFFICE_CONTACT, "1.2");

    assertThat(stored())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.itemCode()).isEqualTo("1.2");
              assertThat(r.percent()).isEqualTo(50);
              assertThat(r.text()).isEqualTo("与火炬区、翠亨新区联动推进中，进度50%");
            });
    assertThat(lastReply()).contains("已记录：1.2");
  }

  @Test
  void theSendersOwnUnitSettlesALineThatWouldOtherwiseBeUnclear() {
    say("guo.ming", "与火炬区、翠亨新区联动推进中，进度50%");

    assertThat(stored()).singleElement().extracting(ProgressReport::itemCode).isEqualTo("4.1");
  }

  @Test
  void aBareCodeWithoutAnOpenQuestionIsIgnored() {
    say(OFFICE_CONTACT, "1.2");

    assertThat(stored()).isEmpty();
    assertThat(replies.sent).isEmpty();
  }

  @Test
  void undoRetractsTheLastReportWithin24HoursOnly() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    clock.advance(Duration.ofHours(25));
    say(PLATFORMS_CONTACT, "撤销");
    assertThat(lastReply()).isEqualTo(ReplyTexts.NOTHING_TO_UNDO);
    assertThat(stored()).singleElement().extracting(ProgressReport::retracted).isEqualTo(false);

    say(PLATFORMS_CONTACT, "1.2 进度70%");
    clock.advance(Duration.ofHours(2));
    say(PLATFORMS_CONTACT, "/undo");

    assertThat(lastReply()).startsWith("已撤销：1.2");
    assertThat(reports.latest("1.2").block(Duration.ofSeconds(5)).percent()).isEqualTo(60);
  }

  @Test
  void editReplacesTheLastReport() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(PLATFORMS_CONTACT, "修改 进度65%，药创院材料已报送");

    List<ProgressReport> all = stored();
    assertThat(all).hasSize(2);
    ProgressReport edited = all.get(0);
    assertThat(edited.itemCode()).isEqualTo("1.2");
    assertThat(edited.percent()).isEqualTo(65);
    assertThat(edited.replacesId()).isEqualTo(all.get(1).id());
    assertThat(all.get(1).retracted()).isTrue();
    assertThat(lastReply()).startsWith("已修改：1.2").contains("进度65%");
  }

  @Test
  void anUnregisteredSenderIsKeptUnverifiedAndTold() {
    say("stranger.01", "3 高企培育库新增入库企业120家，进度40%");

    assertThat(stored())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.verified()).isFalse();
              assertThat(r.unitCode()).isNull();
              assertThat(r.itemCode()).isEqualTo("3");
            });
    assertThat(lastReply()).contains("您还不是登记的联络员");
  }

  @Test
  void sameRepeatsTheLastReportOfTheItemForThisWeek() {
    say(PLATFORMS_CONTACT, "1.2 药创院材料已报送，进度60%");
    clock.advance(Duration.ofDays(7));
    say(PLATFORMS_CONTACT, "1.2 无变化");

    List<ProgressReport> all = stored();
    assertThat(all).hasSize(2);
    assertThat(all.get(0).period()).isEqualTo("2024-W24");
    assertThat(all.get(0).percent()).isEqualTo(60);
    assertThat(all.get(0).text()).isEqualTo("药创院材料已报送，进度60%");
    assertThat(lastReply()).contains("本周无变化");
  }

  @Test
  void mineListsTheUnitsItemsWithTheirLastReport() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(PLATFORMS_CONTACT, "我的任务");

    assertThat(lastReply())
        .contains("1.2 加快推动重大科技创新平台建设", "推进中，进度60%", "1.1 加快科创园建设及创新资源集聚", "尚无进展")
        .doesNotContain("6 推进科技金融深度融合");
  }

  @Test
  void missingListsUnitsWithoutAReportThisWeekForLeadersOnly() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(PLATFORMS_CONTACT, "未报");
    assertThat(lastReply()).isEqualTo(ReplyTexts.LEADERS_ONLY);

    say(LEADER, "未报");

    assertThat(lastReply())
        .startsWith("第23周（6月3日—6月9日）未报进展")
        .contains("科技金融与资源配置科：2、6")
        .doesNotContain("1.2");
    assertThat(reports.unitsWithoutReport("2024-W23").collectList().block(Duration.ofSeconds(5)))
        .contains("finance", "sci-park")
        .doesNotContain("platforms");
  }

  @Test
  void missingLeavesOutClosedItems() {
    db.sql("delete from item_closing")
        .then()
        .then(
            db.sql(
                    "insert into item_closing (item_id, closed_at, closed_by) select i.id, now(),"
                        + " '陈局长' from plan_item i join plan p on p.id = i.plan_id"
                        + " where p.year = (select max(year) from plan) and i.code = '2'")
                .then())
        .block(Duration.ofSeconds(10));
    try {
      say(LEADER, "未报");

      assertThat(lastReply()).contains("科技金融与资源配置科：6").doesNotContain("科技金融与资源配置科：2");
    } finally {
      db.sql("delete from item_closing").then().block(Duration.ofSeconds(10));
    }
  }

  @Test
  void aLeaderClosesADoneItemInChatAndCanReopenIt() {
    db.sql("delete from item_closing_audit")
        .then()
        .then(db.sql("delete from item_closing").then())
        .block(Duration.ofSeconds(10));
    say("feng.xue", "1.3 扩区方案已获批复，已完成");
    say(OFFICE_CONTACT, "确认办结 1.3");
    assertThat(lastReply()).isEqualTo(ReplyTexts.LEADERS_ONLY);

    say(LEADER, "确认办结 1.3");
    assertThat(lastReply()).isEqualTo("1.3 支持推动国家健康科技产业基地扩区提质 已确认办结销号，不再催报。");
    say(LEADER, "/close 1.3");
    assertThat(lastReply()).isEqualTo("事项 1.3 已办结销号");

    say(LEADER, "重新打开 1.3");
    assertThat(lastReply()).endsWith("已重新打开，恢复催报。");
    say(LEADER, "确认办结 1.2");
    assertThat(lastReply()).doesNotContain("已确认办结销号");
    say(LEADER, "确认办结 J2024-999");
    assertThat(lastReply()).as("in Chinese, as any unknown code").startsWith("没有 J2024-999 这一项");
  }

  @Test
  void showListsTheLatestReportsOfAnItem() {
    say(PLATFORMS_CONTACT, "1.2 进度60%");
    say(OFFICE_CONTACT, "查询 1.2");

    assertThat(lastReply())
        .startsWith("1.2 加快推动重大科技创新平台建设")
        .contains("6月5日 推进中，进度60%")
        .doesNotContain("2024-W23");
    say(OFFICE_CONTACT, "查询 9.9");
    assertThat(lastReply()).contains("没有 9.9 这一项");
  }

  @Test
  void aReportAfterTheItemsDeadlineIsLate() {
    clock.set(Instant.parse("2024-12-05T02:00:00Z"));
    say("feng.xue", "1.3 扩区材料修改中，进度80%");

    assertThat(stored()).singleElement().extracting(ProgressReport::overdue).isEqualTo(true);
  }

  @Test
  void aRoundUpStoresEachItemAndAnswersOnce() {
    say(OFFICE_CONTACT, "1.2 药创院材料已报送，进度60%\n1.3 扩区方案已报省厅，进度50%\n（四）进度30%");

    assertThat(stored())
        .extracting(ProgressReport::itemCode, ProgressReport::percent)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("1.2", 60),
            org.assertj.core.groups.Tuple.tuple("1.3", 50));
    assertThat(replies.sent).hasSize(1);
    assertThat(lastReply())
        .startsWith("已记录2项：")
        .contains("1.2 加快推动重大科技创新平台建设，推进中，进度60%")
        .contains("1条未能确定是哪一项");
  }

  @Test
  void aLeaderNamingAnItemGivesAnInstructionNotAReport() {
    say(LEADER, "1.2 请抓紧推进，月底前进度要达到60%");

    assertThat(stored()).isEmpty();
    assertThat(replies.sent).isEmpty();
  }

  @Test
  void aReportNamingItsItemClosesTheSendersOpenQuestion() {
    say(OFFICE_CONTACT, "与火炬区、翠亨新区联动推进中，进度50%");
    say(OFFICE_CONTACT, "4.1 已签约两家企业，进度30%");
    say(OFFICE_CONTACT, "1.2");

    assertThat(stored())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.itemCode()).isEqualTo("4.1");
              assertThat(r.percent()).isEqualTo(30);
            });
    assertThat(replies.sent).hasSize(2);
    assertThat(
            db.sql("select count(*) from report_clarification")
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(10)))
        .isZero();
  }

  @Test
  void anAnswerAfterTheQuestionExpiredCompletesNothing() {
    say(OFFICE_CONTACT, "与火炬区、翠亨新区联动推进中，进度50%");
    clock.advance(Duration.ofHours(25));
    say(OFFICE_CONTACT, "1.2");

    assertThat(stored()).isEmpty();
    assertThat(replies.sent).hasSize(1);
  }

  @Test
  void recordingRefusesBadReportsAndStoresNothing() {
    NewReport tooMuch =
        new NewReport(
            "1.2",
            null,
            null,
            Platform.WECOM,
            "x",
            null,
            null,
            null,
            ReportStatus.IN_PROGRESS,
            150,
            null,
            "进度150%",
            null,
            clock.instant(),
            null);
    StepVerifier.create(reports.record(tooMuch))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(io.duban.system.DomainException.class))
        .verify(Duration.ofSeconds(5));
    NewReport section =
        new NewReport(
            "4",
            null,
            null,
            Platform.WECOM,
            "x",
            null,
            null,
            null,
            ReportStatus.IN_PROGRESS,
            50,
            null,
            "进度50%",
            null,
            clock.instant(),
            null);
    StepVerifier.create(reports.record(section))
        .expectErrorSatisfies(
            e -> assertThat(((io.duban.system.DomainException) e).code()).isEqualTo("BAD_REQUEST"))
        .verify(Duration.ofSeconds(5));
    StepVerifier.create(reports.record(section.withItem("9.9")))
        .expectErrorSatisfies(
            e -> assertThat(((io.duban.system.DomainException) e).code()).isEqualTo("NOT_FOUND"))
        .verify(Duration.ofSeconds(5));

    assertThat(stored()).isEmpty();
  }
}
