package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.unit.UnitService;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.test.StepVerifier;

/**
 * The decisions on the item page and over the API, and the 交办清单 upload: each form changes the
 * item's handling through {@link ItemLifecycle} as the signed-in person and shows in 办理过程; the
 * wrong role gets 403, a form without its CSRF token 403; a sheet with one bad row files nothing.
 */
@DubanSpringTest
@TestPropertySource(
    locations = "classpath:chat-test.properties",
    properties = {
      "duban.report.lifecycle.supervisors=zhou.min",
      "duban.security.tokens[0].name=督查室周敏",
      "duban.security.tokens[0].token=test-supervisor-token",
      "duban.security.tokens[0].role=SUPERVISOR"
    })
@Import(ConversationFixture.class)
class TaskFormsTest {

  private static final String PLANNING = "lin.zhiqiang";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  @Autowired ReportConversation conversation;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;
  @Autowired ItemLifecycle lifecycle;
  @Autowired UnitService units;
  @Autowired WebTestClient web;

  @BeforeEach
  void start() {
    clock.set(ConversationFixture.START);
    cleanUp();
  }

  @AfterEach
  void cleanUp() {
    db.sql("delete from progress_report where item_code like 'J%'")
        .then()
        .then(db.sql("delete from plan_item where code like 'J%'").then())
        .then(db.sql("delete from outbox_message where dedupe_key like 'assigned:J%'").then())
        .then(db.sql("delete from outbox_message where dedupe_key like 'step:J%'").then())
        .block(Duration.ofSeconds(10));
  }

  @Test
  void theItemPageFormsDecideAsTheSignedInPersonAndRefuseTheWrongRole() {
    fileTask();
    lifecycle
        .askExtension(
            "J2024-001", "planning", "林志强", ClosingChannel.CHAT, LocalDate.of(2024, 7, 15), "需征求意见")
        .block(Duration.ofSeconds(5));

    String supervisor = signIn("test-supervisor-token");
    String leader = signIn("test-leader-token");
    String page = page(leader);
    assertThat(page).contains("id=\"extension-form\"", "申请延期至 2024-07-15");
    String csrf = csrf(page);

    // the 督查 office may not decide a 延期, and no form goes through without its CSRF token
    post(supervisor, "extension", csrf(page(supervisor)), Map.of("decision", "approve"))
        .expectStatus()
        .isForbidden();
    web.post()
        .uri("/dashboard/items/J2024-001/extension")
        .cookie("SESSION", leader)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("decision", "approve"))
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(deadline()).isEqualTo(LocalDate.of(2024, 6, 30));

    post(leader, "extension", csrf, Map.of("decision", "approve", "note", "同意"))
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001?done=extended");
    assertThat(deadline()).isEqualTo(LocalDate.of(2024, 7, 15));
    post(leader, "extension", csrf, Map.of("decision", "approve"))
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001?error=NO_EXTENSION_PENDING");
    assertThat(page(leader, "?error=NO_EXTENSION_PENDING")).contains("该事项没有待审批的延期申请。");

    // a DONE report goes to 复核: the leader may not, the office must give a reason to return it
    clock.advance(Duration.ofHours(1));
    // an hour idle ends a session (sessions expire by the service clock): both sign in again
    supervisor = signIn("test-supervisor-token");
    leader = signIn("test-leader-token");
    csrf = csrf(page(leader));
    say(PLANNING, "J2024-001 政策文件清单已全部完成");
    post(leader, "review", csrf, Map.of("decision", "pass")).expectStatus().isForbidden();
    String office = csrf(page(supervisor));
    assertThat(page(supervisor)).contains("id=\"review-form\"");
    post(supervisor, "review", office, Map.of("decision", "return"))
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001?error=NO_REASON");
    post(supervisor, "review", office, Map.of("decision", "return", "note", "缺少2023年文件"))
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001?done=review-returned");

    // 退回 by the leader, with a reason
    post(leader, "return", csrf, Map.of("note", "请补充佐证材料"))
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001?done=returned");

    List<ItemStep> steps = lifecycle.steps("J2024-001").collectList().block(Duration.ofSeconds(5));
    assertThat(steps)
        .extracting(ItemStep::kind)
        .containsExactly(
            StepKind.EXTENSION_ASKED,
            StepKind.EXTENSION_APPROVED,
            StepKind.REVIEW_RETURNED,
            StepKind.RETURNED);
    assertThat(steps)
        .extracting(ItemStep::actor)
        .containsExactly("林志强", "leader", "督查室周敏", "leader");
    assertThat(steps.get(1).via()).isEqualTo(ClosingChannel.DASHBOARD);
    String handling = page(leader);
    assertThat(handling).contains("同意延期", "复核退回", "缺少2023年文件", "请补充佐证材料", "督查室周敏");
  }

  @Test
  void theApiDecidesWithTheTokensRole() {
    fileTask();
    clock.advance(Duration.ofHours(1));
    say(PLANNING, "J2024-001 政策文件清单已全部完成");
    api("test-leader-token", "review", Map.of("pass", true)).expectStatus().isForbidden();
    api("test-supervisor-token", "extension", Map.of("approve", true)).expectStatus().isForbidden();
    api("test-supervisor-token", "review", Map.of("pass", true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.kind")
        .isEqualTo("REVIEW_PASSED")
        .jsonPath("$.person")
        .isEqualTo("督查室周敏");
    api("test-leader-token", "extension", Map.of("approve", true))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("事项 J2024-001 没有待审批的延期申请");
    api("test-leader-token", "return", Map.of("note", "请补充验收材料")).expectStatus().isOk();
    assertThat(lifecycle.standing("J2024-001").block(Duration.ofSeconds(5)).pendingReturn())
        .isNotNull();
  }

  @Test
  void aTaskListSheetFilesEveryRowOrNone() throws Exception {
    byte[] bad =
        sheet(
            List.of("序号", "来源", "文号", "工作内容", "牵头单位", "配合单位", "责任领导", "完成时限", "阶段目标"),
            List.of(
                "1",
                "批示",
                "局长批示〔2024〕3号",
                "梳理政策文件清单",
                "规划与法规科",
                "办公室",
                "李副局长",
                "2024-09-30",
                "2024-07-31 50% 初稿"),
            List.of("2", "会议", "", "制定专项方案", "不存在的科", "", "", "2024-13-01", ""),
            List.of("3", "传闻", "", "第三项", "办公室", "", "", "2024-10-31", ""));
    upload("test-leader-token", bad)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].row")
        .isEqualTo(3)
        .jsonPath("$.message")
        .value(m -> assertThat(m.toString()).contains("未登记任何事项", "第3行", "2024-13-01", "第4行", "传闻"));
    assertThat(count()).isZero();

    byte[] unknownUnit =
        sheet(
            List.of("来源", "交办事项", "牵头单位", "完成时限"),
            List.of("批示", "梳理政策文件清单", "规划与法规科", "2024-09-30"),
            List.of("会议", "制定专项方案", "不存在的科", "2024-10-31"));
    upload("test-leader-token", unknownUnit)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].row")
        .isEqualTo(3)
        .jsonPath("$.problems[0].message")
        .value(m -> assertThat(m.toString()).contains("不存在的科"));
    assertThat(count()).as("one bad row and nothing is filed").isZero();

    byte[] good =
        sheet(
            List.of("序号", "事项来源", "文号", "交办内容", "责任单位", "协办单位", "分管领导", "办结时限", "阶段目标"),
            List.of(
                "1",
                "批示",
                "局长批示〔2024〕3号",
                "梳理政策文件清单",
                "规划与法规科",
                "办公室",
                "李副局长",
                "2024-09-30",
                "2024-07-31 50% 初稿"),
            List.of("2", "会议", "", "制定专项方案", "办公室", "", "", "2024/10/31", ""));
    upload("test-supervisor-token", good)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.filed")
        .isEqualTo(2)
        .jsonPath("$.items[1]")
        .isEqualTo("J2024-002");
    assertThat(units.assignment("J2024-001").block(Duration.ofSeconds(5)))
        .satisfies(
            a -> {
              assertThat(a.leadUnit()).isEqualTo("planning");
              assertThat(a.supportUnits()).containsExactly("office");
              assertThat(a.leader()).isEqualTo("李副局长");
              assertThat(a.milestones()).hasSize(1);
            });
    assertThat(units.assignment("J2024-002").block(Duration.ofSeconds(5)).deadline())
        .isEqualTo(LocalDate.of(2024, 10, 31));
    upload("test-admin-token", "not a workbook".getBytes())
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].message")
        .isEqualTo("不是有效的 .xlsx 文件");
  }

  @Test
  void theTaskPageFilesOneTaskOrAPreviewedSheet() throws Exception {
    String leader = signIn("test-leader-token");
    String page =
        web.get()
            .uri("/dashboard/tasks/new")
            .cookie("SESSION", leader)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(page).contains("id=\"task-form\"", "id=\"upload-form\"");
    String csrf = csrf(page);
    web.post()
        .uri("/dashboard/tasks")
        .cookie("SESSION", leader)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("_csrf", csrf)
                .with("source", "MEETING")
                .with("content", "制定专项方案")
                .with("leadUnit", "办公室")
                .with("deadline", "2024-08-31"))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .valueEquals("Location", "/dashboard/items/J2024-001");

    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part(
        "file",
        new ByteArrayResource(
            sheet(
                List.of("来源", "交办事项", "牵头单位", "完成时限"),
                List.of("批示", "梳理政策文件清单", "规划与法规科", "2024-09-30"))) {
          @Override
          public String getFilename() {
            return "交办清单.xlsx";
          }
        });
    String preview =
        web.post()
            .uri("/dashboard/tasks/preview")
            .cookie("SESSION", leader)
            .header("X-CSRF-TOKEN", csrf)
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(body.build()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(preview).contains("id=\"preview\"", "梳理政策文件清单");
    assertThat(count()).as("previewed, not filed").isEqualTo(1);
    Matcher draft = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"").matcher(preview);
    assertThat(draft.find()).isTrue();
    String filed =
        web.post()
            .uri("/dashboard/tasks/confirm")
            .cookie("SESSION", leader)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("_csrf", csrf).with("draft", draft.group(1)))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(filed).contains("id=\"filed\"", "J2024-002");
    assertThat(count()).isEqualTo(2);
  }

  private void fileTask() {
    web.post()
        .uri("/api/v1/tasks")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "source", "INSTRUCTION",
                "content", "梳理科技领域政策文件清单",
                "leadUnit", "规划与法规科",
                "deadline", "2024-06-30"))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  private WebTestClient.ResponseSpec upload(String token, byte[] xlsx) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part(
            "file",
            new ByteArrayResource(xlsx) {
              @Override
              public String getFilename() {
                return "交办清单.xlsx";
              }
            })
        .contentType(MediaType.APPLICATION_OCTET_STREAM);
    return web.post()
        .uri("/api/v1/tasks.xlsx")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange();
  }

  @SafeVarargs
  private static byte[] sheet(List<String>... rows) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet s = book.createSheet("交办清单");
      for (int r = 0; r < rows.length; r++) {
        var row = s.createRow(r);
        for (int c = 0; c < rows[r].size(); c++) {
          row.createCell(c).setCellValue(rows[r].get(c));
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  private WebTestClient.ResponseSpec api(String token, String action, Map<String, Object> body) {
    return web.post()
        .uri("/api/v1/tasks/J2024-001/" + action)
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec post(
      String session, String action, String csrf, Map<String, String> fields) {
    var form = BodyInserters.fromFormData("_csrf", csrf);
    fields.forEach(form::with);
    return web.post()
        .uri("/dashboard/items/J2024-001/" + action)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(form)
        .exchange();
  }

  private String page(String session) {
    return page(session, "");
  }

  private String page(String session, String query) {
    return web.get()
        .uri("/dashboard/items/J2024-001" + query)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private void say(String sender, String text) {
    InboundMessage message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, clock.instant());
    StepVerifier.create(conversation.handle(message)).verifyComplete();
  }

  private LocalDate deadline() {
    return units.assignment("J2024-001").block(Duration.ofSeconds(5)).deadline();
  }

  private long count() {
    return db.sql("select count(*) as n from plan_item where code like 'J%'")
        .map(r -> r.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(5));
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String before = login.getResponseCookies().getFirst("SESSION").getValue();
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", before)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("token", token).with("_csrf", csrf(login.getResponseBody())))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult()
        .getResponseCookies()
        .getFirst("SESSION")
        .getValue();
  }
}
