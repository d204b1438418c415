package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import io.duban.unit.Acknowledgements;
import io.duban.unit.UnitService;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The 督办 practice in chat, step by step: a leader's 交办 is read back and filed on 确认, its lead
 * unit's group is told, the unit 签收, reports, asks for a later deadline which the leader approves,
 * asks to close it, the 督查 office passes the 复核 and the leader confirms the closing; each step
 * stored with the person and time.
 */
@DubanSpringTest
@TestPropertySource(
    locations = "classpath:chat-test.properties",
    properties = "duban.report.lifecycle.supervisors=zhou.min")
@Import(ConversationFixture.class)
class TaskLifecycleConversationTest {

  private static final String LEADER = "chen.juzhang";
  private static final String SUPERVISOR = "zhou.min";
  private static final String PLANNING = "lin.zhiqiang";
  private static final String PLATFORMS = "zhang.wei";

  @Autowired ReportConversation conversation;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;
  @Autowired ItemLifecycle lifecycle;
  @Autowired Acknowledgements acknowledgements;
  @Autowired UnitService units;
  @Autowired ClosedItems closed;
  @Autowired ReportService reports;
  @Autowired org.springframework.test.web.reactive.server.WebTestClient web;
  @Autowired org.springframework.context.ApplicationEventPublisher events;

  @BeforeEach
  void start() {
    clock.set(ConversationFixture.START);
    replies.sent.clear();
    cleanUp();
  }

  @AfterEach
  void cleanUp() {
    db.sql("delete from progress_report where item_code like 'J%'")
        .then()
        .then(db.sql("delete from plan_item where code like 'J%'").then())
        .then(db.sql("delete from task_draft").then())
        .then(db.sql("delete from outbox_message where dedupe_key like 'assigned:J%'").then())
        .then(db.sql("delete from outbox_message where dedupe_key like 'step:J%'").then())
        .block(Duration.ofSeconds(10));
  }

  private String say(String sender, String text) {
    InboundMessage message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, clock.instant());
    int before = replies.sent.size();
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    return replies.sent.size() > before ? replies.sent.get(replies.sent.size() - 1).text() : null;
  }

  @Test
  void aTaskGoesFromTheLeadersWordsThroughEveryStepToItsClosing() throws Exception {
    String readBack = say(LEADER, "交办 规划与法规科 6月15日前 报送2025年工作计划初稿");
    assertThat(readBack).contains("请确认交办事项", "牵头单位：规划与法规科", "2024年6月15日", "报送2025年工作计划初稿", "确认");
    assertThat(count("select count(*) as n from plan_item where code like 'J%'"))
        .as("nothing filed before 确认")
        .isZero();

    String filed = say(LEADER, "确认");
    assertThat(filed).startsWith("已交办 J2024-001 报送2025年工作计划初稿").contains("规划与法规科");
    String notice = outboxText("assigned:J2024-001:%");
    assertThat(notice).contains("【交办】J2024-001", "来源：领导批示", "签收 J2024-001");
    assertThat(say(LEADER, "确认")).as("a draft is filed once").isNull();

    assertThat(say(PLATFORMS, "签收 J2024-001")).contains("须由牵头单位签收");
    assertThat(say(PLANNING, "签收 J2024-001")).startsWith("已签收 J2024-001");
    StepVerifier.create(acknowledgements.of("J2024-001"))
        .assertNext(
            a -> {
              assertThat(a.acknowledged()).isTrue();
              assertThat(a.acknowledgedBy()).isEqualTo("林志强");
              assertThat(a.acknowledgedAt()).isEqualTo(clock.instant());
            })
        .verifyComplete();

    clock.advance(Duration.ofHours(1));
    assertThat(say(PLANNING, "J2024-001 初稿框架已形成，进度40%")).contains("J2024-001");
    assertThat(reports.latest("J2024-001").block(Duration.ofSeconds(5)).percent()).isEqualTo(40);

    clock.advance(Duration.ofHours(1));
    assertThat(say(PLANNING, "申请延期 J2024-001 至7月15日 原因：需征求各科室意见"))
        .contains("延至2024年7月15日", "待责任领导审批");
    assertThat(deadline()).as("unchanged until approved").isEqualTo(LocalDate.of(2024, 6, 15));
    assertThat(outboxText("step:J2024-001:EXTENSION_ASKED:%")).contains("同意延期 J2024-001");

    clock.advance(Duration.ofHours(1));
    assertThat(say(LEADER, "同意延期 J2024-001")).contains("2024年7月15日");
    assertThat(deadline()).isEqualTo(LocalDate.of(2024, 7, 15));

    clock.advance(Duration.ofHours(1));
    assertThat(say(PLANNING, "申请办结 J2024-001 初稿已报送局办公会")).contains("待督查室复核");
    assertThat(say(LEADER, "确认办结 J2024-001")).contains("正待督查室复核");
    assertThat(say(PLANNING, "复核通过 J2024-001")).isEqualTo(LifecycleCommands.NOT_ALLOWED_SUPERVISOR);

    clock.advance(Duration.ofHours(1));
    assertThat(say(SUPERVISOR, "复核通过 J2024-001")).contains("待责任领导确认办结");
    clock.advance(Duration.ofHours(1));
    assertThat(say(LEADER, "确认办结 J2024-001")).contains("已确认办结销号");
    assertThat(closed.isClosed("J2024-001").block(Duration.ofSeconds(5))).isTrue();

    List<ItemStep> steps = lifecycle.steps("J2024-001").collectList().block(Duration.ofSeconds(5));
    assertThat(steps)
        .extracting(ItemStep::kind)
        .containsExactly(
            StepKind.EXTENSION_ASKED,
            StepKind.EXTENSION_APPROVED,
            StepKind.CLOSE_ASKED,
            StepKind.REVIEW_PASSED);
    assertThat(steps).extracting(ItemStep::actor).containsExactly("林志强", "陈局长", "林志强", "督查专员 周敏");
    assertThat(steps.get(1).dueBefore()).isEqualTo(LocalDate.of(2024, 6, 15));
    assertThat(steps.get(1).dueAfter()).isEqualTo(LocalDate.of(2024, 7, 15));

    String page =
        web.get()
            .uri("/dashboard/items/J2024-001?week=2024-W23")
            .cookie("SESSION", signIn("test-leader-token"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(page)
        .contains("办理过程", "交办（领导批示）", "签收", "林志强", "申请延期", "同意延期", "陈局长")
        .contains("2024-06-15 → 2024-07-15", "申请办结", "复核通过", "督查专员 周敏", "确认办结");

    byte[] xlsx =
        web.get()
            .uri("/api/v1/ledger.xlsx?week=2024-W23")
            .header("Authorization", "Bearer test-leader-token")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    try (var book =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var sheet = book.getSheet("办理过程");
      assertThat(sheet).as("the ledger's 办理过程 sheet").isNotNull();
      List<String> rows = new java.util.ArrayList<>();
      for (var row : sheet) {
        StringBuilder line = new StringBuilder();
        row.forEach(c -> line.append(c.toString()).append('|'));
        rows.add(line.toString());
      }
      assertThat(rows)
          .anySatisfy(r -> assertThat(r).contains("J2024-001", "签收", "林志强"))
          .anySatisfy(r -> assertThat(r).contains("同意延期", "陈局长", "2024-06-15 → 2024-07-15"))
          .anySatisfy(r -> assertThat(r).contains("复核通过", "督查专员 周敏"))
          .anySatisfy(r -> assertThat(r).contains("确认办结", "陈局长"));
    }
  }

  @Test
  void theApiFilesATaskThatThePlanApiThenServes() {
    web.post()
        .uri("/api/v1/tasks")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(
            java.util.Map.of(
                "source", "MEETING",
                "sourceRef", "局党组会议纪要〔2024〕5号",
                "content", "制定科技成果转化专项行动方案，报局党组审定",
                "leadUnit", "规划与法规科",
                "supportUnits", List.of("办公室"),
                "leader", "李副局长",
                "deadline", "2024-09-30",
                "milestones", List.of(java.util.Map.of("date", "2024-07-31", "percent", 50))))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("J2024-001")
        .jsonPath("$.leadUnit")
        .isEqualTo("planning")
        .jsonPath("$.supportUnits[0]")
        .isEqualTo("office");
    web.get()
        .uri("/api/v1/plan/items/J2024-001")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("制定科技成果转化专项行动方案，报局党组审定")
        .jsonPath("$.source")
        .isEqualTo("MEETING")
        .jsonPath("$.sourceRef")
        .isEqualTo("局党组会议纪要〔2024〕5号")
        .jsonPath("$.deadline")
        .isEqualTo("2024-09-30")
        .jsonPath("$.leader")
        .isEqualTo("李副局长");
    assertThat(outboxText("assigned:J2024-001:%")).contains("【交办】J2024-001", "来源：会议议定");

    // an unknown unit and a past deadline are refused, naming both, and nothing is filed
    web.post()
        .uri("/api/v1/tasks")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(
            java.util.Map.of(
                "source", "批示",
                "content", "另一项",
                "leadUnit", "不存在的科",
                "deadline", "2024-01-01"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .value(m -> assertThat(m.toString()).contains("不存在的科", "早于今天"));
    assertThat(count("select count(*) as n from plan_item where code like 'J%'")).isEqualTo(1);
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String before = login.getResponseCookies().getFirst("SESSION").getValue();
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
            .matcher(login.getResponseBody());
    assertThat(csrf.find()).isTrue();
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", before)
        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            org.springframework.web.reactive.function.BodyInserters.fromFormData("token", token)
                .with("_csrf", csrf.group(1)))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult()
        .getResponseCookies()
        .getFirst("SESSION")
        .getValue();
  }

  @Test
  void aReturnedReportWaitsForTheUnitsNextReport() {
    say(LEADER, "交办 规划与法规科、办公室配合 下周五前 梳理科技领域政策文件清单");
    assertThat(say(LEADER, "确认")).startsWith("已交办 J2024-001");
    assertThat(units.assignment("J2024-001").block(Duration.ofSeconds(5)))
        .satisfies(
            a -> {
              assertThat(a.leadUnit()).isEqualTo("planning");
              assertThat(a.supportUnits()).containsExactly("office");
              assertThat(a.deadline()).isEqualTo(LocalDate.of(2024, 6, 14));
            });
    say(PLANNING, "J2024-001 已梳理50份文件，进度50%");

    clock.advance(Duration.ofHours(1));
    assertThat(say(PLANNING, "退回 J2024-001 请补充")).contains("局领导或督查室");
    assertThat(say(LEADER, "退回 J2024-001 请补充佐证材料")).contains("已退回 J2024-001");
    assertThat(lifecycle.standing("J2024-001").block(Duration.ofSeconds(5)).pendingReturn())
        .isNotNull();
    assertThat(outboxText("step:J2024-001:RETURNED:%")).contains("请补充佐证材料");

    clock.advance(Duration.ofHours(1));
    say(PLANNING, "J2024-001 已补充文件目录和清单，进度60%");
    assertThat(lifecycle.standing("J2024-001").block(Duration.ofSeconds(5)).pendingReturn())
        .isNull();

    // no 申请办结 and no completion: nothing to review; a DONE report is reviewed as one
    assertThat(say(SUPERVISOR, "复核通过 J2024-001")).contains("没有待复核");
    clock.advance(Duration.ofHours(1));
    say(PLANNING, "J2024-001 政策文件清单已全部完成");
    assertThat(say(SUPERVISOR, "复核退回 J2024-001")).contains("请写明退回原因");
    assertThat(say(SUPERVISOR, "复核退回 J2024-001 清单缺少2023年文件")).contains("已退回");
    assertThat(say(LEADER, "确认办结 J2024-001")).contains("已被督查室退回");
  }

  @Test
  void aTaskWithoutADateOrAKnownUnitIsAskedAboutAndNotFiled() {
    assertThat(say(LEADER, "交办 规划与法规科 报送年度计划")).contains("请写明完成时限");
    assertThat(say(LEADER, "交办 不存在的科 6月20日前 报送材料")).contains("没有识别出牵头单位");
    assertThat(say(PLANNING, "交办 规划与法规科 6月20日前 报送材料"))
        .isEqualTo(LifecycleCommands.NOT_ALLOWED_LEADER);
    say(LEADER, "交办 规划与法规科 6月20日前 报送材料");
    assertThat(say(LEADER, "取消")).contains("已取消");
    assertThat(say(LEADER, "确认")).isNull();
    assertThat(count("select count(*) as n from plan_item where code like 'J%'")).isZero();
  }

  private LocalDate deadline() {
    return units.assignment("J2024-001").block(Duration.ofSeconds(5)).deadline();
  }

  private long count(String sql) {
    return db.sql(sql).map(r -> r.get("n", Long.class)).one().block(Duration.ofSeconds(5));
  }

  /** The owed 签收 of these items of the current plan, and the notices of them, removed. */
  private void forgetAcknowledgements(List<String> codes) {
    db.sql(
            "delete from item_acknowledgement where item_id in (select i.id from plan_item i"
                + " join plan p on p.id = i.plan_id where p.year = 2024 and i.code in (:c))")
        .bind("c", codes)
        .then()
        .then(db.sql("delete from outbox_message where dedupe_key like 'assigned-list:%'").then())
        .block(Duration.ofSeconds(10));
  }

  private List<java.util.Map<String, Object>> listNotices(String unit, int atLeast) {
    return Mono.defer(
            () ->
                db.sql(
                        "select target, payload::text as payload from outbox_message"
                            + " where dedupe_key like :k order by target")
                    .bind("k", "assigned-list:" + unit + ":%")
                    .fetch()
                    .all()
                    .collectList())
        .filter(rows -> rows.size() >= atLeast)
        .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(100)))
        .block(Duration.ofSeconds(10));
  }

  @Test
  void aPlanPublishedToUnitsTellsEachLeadUnitsGroupsItsListAndOneSigningTakesThemAll() {
    List<String> codes = List.of("2", "4.1", "4.2", "6");
    forgetAcknowledgements(codes);
    try {
      // what PlanAdoption does with a plan published to units: each lead unit owes a 签收 of what
      // it newly leads, and after the commit ItemsAssigned names the items
      for (String code : List.of("4.1", "4.2")) {
        assertThat(acknowledgements.request(code, "cooperation").block()).isTrue();
      }
      for (String code : List.of("2", "6")) {
        assertThat(acknowledgements.request(code, "finance").block()).isTrue();
      }
      events.publishEvent(new io.duban.unit.ItemsAssigned(2024, codes));

      // one notice per group of each lead unit (its own group and the test's wrkGroup), listing
      // its items and asking for one 签收
      var cooperation = listNotices("cooperation", 2);
      assertThat(cooperation).hasSize(2);
      assertThat(cooperation)
          .allSatisfy(
              r ->
                  assertThat((String) r.get("payload"))
                      .contains("区域科技合作科牵头以下2项任务", "4.1", "4.2", "签收")
                      .doesNotContain("科技金融"));
      var finance = listNotices("finance", 2);
      assertThat(finance).hasSize(2);
      assertThat((String) finance.get(0).get("payload")).contains("科技金融与资源配置科牵头以下2项任务");

      // published again (a repeated event): the same keys, nothing queued twice
      events.publishEvent(new io.duban.unit.ItemsAssigned(2024, codes));
      assertThat(listNotices("cooperation", 2)).hasSize(2);

      // the unit answers the listing with one 签收: both its items, and only its own
      assertThat(say("guo.ming", "签收")).startsWith("已签收 2 项：").contains("4.1", "4.2");
      assertThat(acknowledgements.of("4.1").block().acknowledgedBy()).isEqualTo("郭明");
      assertThat(acknowledgements.of("4.2").block().acknowledged()).isTrue();
      assertThat(acknowledgements.of("2").block().acknowledged()).isFalse();
      assertThat(say("guo.ming", "签收")).contains("本单位没有待签收的事项");
    } finally {
      forgetAcknowledgements(codes);
    }
  }

  private String outboxText(String keyPattern) {
    return Mono.defer(
            () ->
                db.sql(
                        "select string_agg(payload::text, ' ') as t from outbox_message"
                            + " where dedupe_key like :k")
                    .bind("k", keyPattern)
                    .map(r -> java.util.Optional.ofNullable(r.get("t", String.class)))
                    .one())
        .block(Duration.ofSeconds(5))
        .orElse("");
  }
}
