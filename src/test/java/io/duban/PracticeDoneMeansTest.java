package io.duban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.bulletin.OfficePdf;
import io.duban.chat.FakePlatformServer;
import io.duban.delivery.Dispatching;
import io.duban.delivery.OwnDatabase;
import io.duban.security.SignInFailuresForgotten;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Issue 18's done-means, through the chat simulator over real HTTP (an admin's signed-in session,
 * no browser): a 交办 the leader types reaches the lead unit's group (sent to the fake WeCom robot),
 * the unit 签收, reports with a photo (stored as evidence through the evidence intake; a file that is
 * no picture is refused by its content), asks for a later deadline which the leader approves, asks
 * to close it, the 督查 office passes the 复核 and the leader confirms the closing. Every step is then
 * on the item page and in the ledger with its person and time, the photo in the ledger's 佐证材料
 * sheet, and the week's 通报 opens and prints; the weekly digest fire sends the 通报 as a file to the
 * WeCom robot and as a link to the DingTalk robot. A database of its own: the dispatch rounds here
 * send every due row.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.quartz.auto-startup=false",
      "spring.quartz.properties.org.quartz.scheduler.instanceName=duban-practice",
      "duban.simulator.enabled=true",
      "duban.report.lifecycle.supervisors=zhou.min",
      "duban.evidence.poll-interval=PT0.2S",
      "duban.public-base-url=https://duban.example.gov.cn/"
    })
@AutoConfigureWebTestClient(timeout = "PT60S")
@ActiveProfiles("test")
@ContextConfiguration(initializers = PracticeDoneMeansTest.Setup.class)
@Import({FreshConnections.class, InFlightRequests.class, PracticeDoneMeansTest.Beans.class})
@ExtendWith({ThreadDumpOnTimeout.class, SignInFailuresForgotten.class})
class PracticeDoneMeansTest {

  static final OwnDatabase DB = new OwnDatabase();
  static final FakePlatformServer PLATFORM = new FakePlatformServer();

  /** Wednesday 2024-06-05 10:00 in Shanghai, ISO week 2024-W23. */
  static final Instant START = Instant.parse("2024-06-05T02:00:00Z");

  static final MovableClock CLOCK = new MovableClock(START);

  private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

  static final String LEADERS = "wrkLeadersGroup";
  static final String PLANNING = "wrkPlanningGroup";

  @Autowired WebTestClient web;
  @Autowired ApplicationContext context;

  private String admin;
  private String csrf;

  @AfterAll
  static void stop() {
    PLATFORM.close();
  }

  @BeforeEach
  void signedInAdmin() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    admin = signIn("test-admin-token");
    String page = page(admin, "/dashboard/simulator");
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("the simulator page carries its CSRF token").isTrue();
    csrf = m.group(1);
  }

  @Test
  void aTaskTypedByALeaderGoesThroughEveryStepAndShowsOnTheItemPageAndInTheLedger()
      throws Exception {
    CLOCK.set(START);
    assertThat(say("chen.juzhang", LEADERS, "交办 规划与法规科 6月15日前 报送2025年工作计划初稿", "请确认交办事项"))
        .contains("牵头单位：规划与法规科", "2024年6月15日");
    assertThat(say("chen.juzhang", LEADERS, "确认", "已交办")).startsWith("已交办 J2024-001");

    // the lead unit's group is told: the robot's webhook received the notice
    dispatch();
    long planningGroup = groupId(PLANNING);
    assertThat(
            query(
                "select status from outbox_message where dedupe_key like 'assigned:J2024-001:%:"
                    + planningGroup
                    + "'"))
        .containsExactly("SENT");
    assertThat(PLATFORM.received("/cgi-bin/webhook/send"))
        .anySatisfy(
            r -> assertThat(r.body()).contains("【交办】J2024-001", "报送2025年工作计划初稿", "签收 J2024-001"));

    CLOCK.advance(Duration.ofHours(1)); // 11:00
    assertThat(say("lin.zhiqiang", PLANNING, "签收 J2024-001", "已签收")).startsWith("已签收 J2024-001");

    CLOCK.advance(Duration.ofHours(1)); // 12:00
    say("lin.zhiqiang", PLANNING, "J2024-001 初稿框架已形成，进度40%", "J2024-001");

    CLOCK.advance(Duration.ofMinutes(1)); // 12:01: the photo of the report just made
    byte[] photo = png();
    assertThat(send("lin.zhiqiang", PLANNING, "初稿框架.png", MediaType.IMAGE_PNG, photo, "佐证材料"))
        .isEqualTo("已收到佐证材料（图片），已附在 J2024-001 的报告上");
    // named a picture, but not one by its content: refused, nothing stored
    assertThat(
            send(
                "lin.zhiqiang",
                PLANNING,
                "照片.png",
                MediaType.IMAGE_PNG,
                "MZ\u0090 not a picture".getBytes(StandardCharsets.ISO_8859_1),
                "未保存"))
        .contains("只接受图片");
    assertThat(query("select status from evidence order by id"))
        .containsExactly("STORED", "REFUSED");

    CLOCK.advance(Duration.ofHours(1)); // 13:01
    assertThat(say("lin.zhiqiang", PLANNING, "申请延期 J2024-001 至7月15日 原因：需征求各科室意见", "延期申请"))
        .contains("延至2024年7月15日", "待责任领导审批");
    CLOCK.advance(Duration.ofHours(1)); // 14:01
    assertThat(say("chen.juzhang", LEADERS, "同意延期 J2024-001", "已同意")).contains("2024年7月15日");
    CLOCK.advance(Duration.ofHours(1)); // 15:01
    assertThat(say("lin.zhiqiang", PLANNING, "申请办结 J2024-001 初稿已报送局办公会", "待督查室复核"))
        .contains("待督查室复核");
    CLOCK.advance(Duration.ofHours(1)); // 16:01
    assertThat(say("zhou.min", LEADERS, "复核通过 J2024-001", "待责任领导确认办结")).contains("待责任领导确认办结");
    CLOCK.advance(Duration.ofHours(1)); // 17:01
    assertThat(say("chen.juzhang", LEADERS, "确认办结 J2024-001", "已确认办结销号")).contains("已确认办结销号");

    List<List<String>> steps =
        List.of(
            List.of("6月5日 10:00", "交办（领导批示）", "陈局长"),
            List.of("6月5日 11:00", "签收", "林志强"),
            List.of("6月5日 13:01", "申请延期", "林志强"),
            List.of("6月5日 14:01", "同意延期", "陈局长"),
            List.of("6月5日 15:01", "申请办结", "林志强"),
            List.of("6月5日 16:01", "复核通过", "督查专员 周敏"),
            List.of("6月5日 17:01", "确认办结", "陈局长"));

    // the item page: 办理过程 row by row with person and time, and the photo
    String leader = signIn("test-leader-token");
    String item = page(leader, "/dashboard/items/J2024-001?week=2024-W23");
    List<String> rows = rows(between(item, "id=\"handling\"", "</table>"));
    for (List<String> step : steps) {
      assertThat(rows).as("办理过程 on the item page").anySatisfy(r -> assertThat(r).contains(step));
    }
    String evidence = between(item, "id=\"evidence\"", "</table>");
    assertThat(evidence).contains("初稿框架.png", "图片", "6月5日 12:01");
    long photoId = Long.parseLong(query("select id from evidence where status = 'STORED'").get(0));
    web.get()
        .uri("/dashboard/evidence/" + photoId)
        .cookie("SESSION", leader)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_PNG)
        .expectBody(byte[].class)
        .isEqualTo(photo);

    // the ledger: the same steps in 办理过程, the photo in 佐证材料
    byte[] xlsx = download("/api/v1/ledger.xlsx?week=2024-W23", "test-leader-token");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      List<String> handling = cells(book.getSheet("办理过程"));
      for (List<String> step : steps) {
        assertThat(handling)
            .as("办理过程 in the ledger")
            .anySatisfy(r -> assertThat(r).contains("J2024-001").contains(step));
      }
      assertThat(handling)
          .anySatisfy(r -> assertThat(r).contains("6月5日 11:00 林志强", "2024-06-15 → 2024-07-15"));
      Sheet sheet = book.getSheet("佐证材料");
      assertThat(sheet).as("the ledger's 佐证材料 sheet").isNotNull();
      assertThat(cells(sheet))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .contains(
                          "J2024-001|报送2025年工作计划初稿|规划与法规科|初稿框架.png|图片（PNG）|",
                          "|林志强|6月5日 12:01|https://duban.example.gov.cn/dashboard/evidence/"
                              + photoId
                              + "|"));
      assertThat(cells(sheet)).noneSatisfy(r -> assertThat(r).contains("照片.png"));
    }

    // the week's 通报 opens, counts the item closed and attaches the ledger with it
    byte[] docx = download("/api/v1/bulletin.docx?week=2024-W23", "test-leader-token");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      String text = String.join("\n", doc.getParagraphs().stream().map(p -> p.getText()).toList());
      assertThat(text).contains("一、总体情况");
      assertThat(doc.getTables().stream().map(t -> t.getText()).toList())
          .anySatisfy(t -> assertThat(t).contains("报送2025年工作计划初稿"));
    }
  }

  @Test
  void theWeeksBulletinPrintsThroughLibreOffice() throws Exception {
    CLOCK.set(START);
    byte[] docx = download("/api/v1/bulletin.docx?week=2024-W23", "test-leader-token");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      assertThat(doc.getParagraphs().get(1).getText()).matches("2024年第\\d+期");
    }
    assumeTrue(
        OfficePdf.installed(),
        "LibreOffice (soffice) is not installed: the 通报 was opened with POI but not printed to PDF");
    byte[] pdf = OfficePdf.print(docx, "bulletin.docx");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void theWeeklyDigestFireSendsTheBulletinAsAFileToTheRobotAndALinkElsewhere() throws Exception {
    // Monday 2024-06-10 09:30: the leaders' digest of 2024-W23
    CLOCK.set(Instant.parse("2024-06-10T01:30:00Z"));
    try (Connection c = DB.connect();
        var st = c.createStatement()) {
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('leaders', 'DINGTALK', 'ding-leaders', '', '局领导钉钉群') on conflict do nothing");
    }
    PLATFORM.answer(
        "/cgi-bin/webhook/upload_media",
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"type\":\"file\",\"media_id\":\"MEDIA-BULLETIN-23\"}");
    List<Map<String, Object>> schedules =
        web.get()
            .uri("/api/v1/schedules")
            .header("Authorization", "Bearer test-admin-token")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
            .returnResult()
            .getResponseBody();
    Object digest =
        schedules.stream()
            .filter(s -> "DIGEST".equals(String.valueOf(s.get("kind"))))
            .findFirst()
            .orElseThrow()
            .get("id");
    web.post()
        .uri("/api/v1/schedules/" + digest + "/run")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .is2xxSuccessful();
    dispatch();

    List<FakePlatformServer.Recorded> uploads = PLATFORM.received("/cgi-bin/webhook/upload_media");
    assertThat(uploads).hasSize(1);
    String part = new String(uploads.get(0).bytes(), StandardCharsets.UTF_8);
    assertThat(part).contains("filename=\"督查通报-2024-W23.docx\"");
    assertThat(PLATFORM.received("/cgi-bin/webhook/send"))
        .anySatisfy(
            r ->
                assertThat(r.body())
                    .isEqualTo(
                        "{\"msgtype\":\"file\",\"file\":{\"media_id\":\"MEDIA-BULLETIN-23\"}}"));
    assertThat(PLATFORM.received("/robot/send"))
        .anySatisfy(
            r ->
                assertThat(r.body())
                    .contains("督查通报（2024年第")
                    .contains("已印发")
                    .contains(
                        "https://duban.example.gov.cn/dashboard/bulletin.docx?week=2024-W23"));
    assertThat(
            query(
                "select status from outbox_message where dedupe_key like 'bulletin:2024-W23:%'"
                    + " and bot_id <> 'local' order by id"))
        .containsExactly("SENT", "SENT");
  }

  @Test
  void assignmentsOfTheUnitsFileOweNoAcknowledgementUntilAnAdminAsksAndOneReplyGivesIt() {
    CLOCK.set(START.plus(Duration.ofDays(1)));
    assertThat(
            query(
                "select count(*) from item_acknowledgement a join plan_item i on i.id = a.item_id"
                    + " where i.code not like 'J%'"))
        .as("the units file's assignments owe no 签收 by themselves")
        .containsExactly("0");

    assertThat(requestAcknowledgements("{\"unit\":\"finance\"}"))
        .as("科技金融与资源配置科 leads two items of the units file")
        .hasSize(2);
    dispatch();
    assertThat(PLATFORM.received("/cgi-bin/webhook/send"))
        .filteredOn(r -> r.body().contains("科技金融与资源配置科牵头以下2项任务"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("【任务分工】", "回复“签收”一次确认收到以上全部事项"));

    String answer = say("liang.hao", "wrkFinanceGroup", "签收", "已签收");
    assertThat(answer).startsWith("已签收 2 项：");
    assertThat(
            query(
                "select count(*) from item_acknowledgement where unit_code = 'finance'"
                    + " and acknowledged_by = '梁浩'"))
        .containsExactly("2");
    assertThat(say("liang.hao", "wrkFinanceGroup", "签收", "没有待签收")).contains("本单位没有待签收的事项");

    assertThat(requestAcknowledgements("{\"unit\":\"finance\"}")).as("asked once").isEmpty();
    assertThat(requestAcknowledgements("{}"))
        .as("every other lead unit of the units file")
        .isNotEmpty()
        .doesNotContainAnyElementsOf(
            query(
                "select i.code from item_acknowledgement a join plan_item i on i.id = a.item_id"
                    + " where a.unit_code = 'finance'"));
    web.post()
        .uri("/api/v1/acknowledgements/requests")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"unit\":\"no-such-unit\"}")
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.post()
        .uri("/api/v1/acknowledgements/requests")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  private List<String> requestAcknowledgements(String body) {
    Map<String, List<String>> answer =
        web.post()
            .uri("/api/v1/acknowledgements/requests")
            .header("Authorization", "Bearer test-admin-token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, List<String>>>() {})
            .returnResult()
            .getResponseBody();
    return answer.get("requested");
  }

  /**
   * Types {@code text} in the simulator as the contact with {@code userId} in {@code chatId}, then
   * waits for the bot's answer containing {@code expected} and answers it; sends what is due.
   */
  private String say(String userId, String chatId, String text, String expected) {
    long contact = contactId(userId);
    java.util.Set<String> before = botLines(chatId, contact).keySet();
    web.post()
        .uri("/dashboard/simulator/messages")
        .cookie("SESSION", admin)
        .header("X-CSRF-TOKEN", csrf)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("chatId", chatId, "contactId", contact, "text", text))
        .exchange()
        .expectStatus()
        .isOk();
    String answer = answer(chatId, contact, before, expected);
    dispatch();
    return answer;
  }

  /** Sends a picture or file in the simulator and waits for the evidence's answer. */
  private String send(
      String userId, String chatId, String name, MediaType type, byte[] bytes, String expected) {
    long contact = contactId(userId);
    java.util.Set<String> before = botLines(chatId, contact).keySet();
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("chatId", chatId);
    body.part("contactId", String.valueOf(contact));
    body.part("file", bytes).filename(name).contentType(type);
    web.post()
        .uri("/dashboard/simulator/files")
        .cookie("SESSION", admin)
        .header("X-CSRF-TOKEN", csrf)
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isOk();
    String answer = answer(chatId, contact, before, expected);
    dispatch();
    return answer;
  }

  /** The first new bot line containing {@code expected}, within 30 seconds. */
  private String answer(
      String chatId, long contact, java.util.Set<String> before, String expected) {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, String> lines = Map.of();
    while (System.nanoTime() < until) {
      lines = botLines(chatId, contact);
      for (var line : lines.entrySet()) {
        if (!before.contains(line.getKey()) && line.getValue().contains(expected)) {
          return line.getValue();
        }
      }
      pause();
    }
    throw new AssertionError("no answer containing " + expected + " in " + chatId + ": " + lines);
  }

  /** The bot's lines of the chat by their keys, in the simulator's order. */
  private Map<String, String> botLines(String chatId, long contact) {
    List<Map<String, Object>> lines =
        web.get()
            .uri("/dashboard/simulator/messages?chatId={c}&contactId={id}", chatId, contact)
            .cookie("SESSION", admin)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
            .returnResult()
            .getResponseBody();
    Map<String, String> bot = new java.util.LinkedHashMap<>();
    lines.stream()
        .filter(l -> "bot".equals(l.get("from")))
        .forEach(l -> bot.put(String.valueOf(l.get("key")), String.valueOf(l.get("text"))));
    return bot;
  }

  private void dispatch() {
    Dispatching.dispatchDue(context);
  }

  private static void pause() {
    try {
      Thread.sleep(100); // the inbound hand-over and the evidence poll run on their own
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] png() throws Exception {
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xC00000);
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Each row of a sheet as its cells' text joined by {@code |}. */
  private static List<String> cells(Sheet sheet) {
    List<String> rows = new ArrayList<>();
    for (var row : sheet) {
      StringBuilder line = new StringBuilder("|");
      row.forEach(c -> line.append(c.toString()).append('|'));
      rows.add(line.toString());
    }
    return rows;
  }

  /** The table rows of an HTML fragment, tags removed, cells separated by {@code |}. */
  private static List<String> rows(String html) {
    List<String> rows = new ArrayList<>();
    for (String tr : html.split("<tr")) {
      rows.add(
          tr.replaceAll("</td>", "|").replaceAll("<[^>]+>", "").replaceAll("\\s*\\|\\s*", "|"));
    }
    return rows;
  }

  private static String between(String html, String start, String end) {
    int from = html.indexOf(start);
    assertThat(from).as("page has " + start).isGreaterThanOrEqualTo(0);
    int to = html.indexOf(end, from);
    return html.substring(from, to < 0 ? html.length() : to);
  }

  private byte[] download(String uri, String token) {
    return web.get()
        .uri(uri)
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(byte[].class)
        .returnResult()
        .getResponseBody();
  }

  private String page(String session, String path) {
    return web.get()
        .uri(path)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    Matcher field =
        Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login.getResponseBody());
    assertThat(field.find()).isTrue();
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("token", token).with("_csrf", field.group(1)))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult()
        .getResponseCookies()
        .getFirst("SESSION")
        .getValue();
  }

  private static long contactId(String userId) {
    return Long.parseLong(
        query("select id from contact where platform_user_id = ?", userId).get(0));
  }

  private static long groupId(String chatId) {
    return Long.parseLong(query("select id from group_chat where chat_id = ?", chatId).get(0));
  }

  private static List<String> query(String sql, Object... args) {
    try (Connection c = DB.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This class's database, and its bots: the units' WeCom robot and a DingTalk robot. */
  static final class Setup
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "duban.db.url=" + DB.url(),
              "duban.db.user=" + OwnDatabase.USER,
              "duban.chat.wecom[0].id=kjj-robot",
              "duban.chat.wecom[0].kind=GROUP_ROBOT",
              "duban.chat.wecom[0].webhook-key=kjj-key",
              "duban.chat.wecom[0].api-base-url=" + PLATFORM.baseUrl(),
              "duban.chat.dingtalk[0].id=ding-leaders",
              "duban.chat.dingtalk[0].webhook-access-token=ding-hook",
              "duban.chat.dingtalk[0].oapi-base-url=" + PLATFORM.baseUrl())
          .applyTo(context.getEnvironment());
    }
  }

  /** The clock the test moves. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Beans {
    @Bean
    @Primary
    MovableClock practiceClock() {
      return CLOCK;
    }
  }
}
