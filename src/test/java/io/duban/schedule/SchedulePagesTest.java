package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The admins' schedule pages over real HTTP with a signed-in session: list, preview of an unsaved
 * cron with holidays applied, save, a refused bad cron, pause/resume, run now, and who may do it.
 */
@QuietSpringTest
class SchedulePagesTest {

  static final OwnDatabase DB = QuietService.DB;
  // Friday 2024-09-20, 08:00 in Shanghai: the week before 中秋 and 国庆.
  static final Instant START = Instant.parse("2024-09-20T00:00:00Z");
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final String PAGES = "/dashboard/admin/schedules";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @BeforeAll
  static void fromTheDefaultSchedules(
      @Autowired QuietService quiet,
      @Autowired ScheduleTriggers triggers,
      @Autowired ScheduleBootstrap bootstrap)
      throws Exception {
    DefaultSchedules.restore(quiet, START, triggers, bootstrap);
  }

  @Autowired WebTestClient web;
  @Autowired Scheduler quartz;
  @Autowired ScheduleTriggers triggers;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void listsTheSeededSchedulesWithTheirNextFiresForAdmins() {
    String html = get(signIn("test-admin-token"), PAGES);

    assertThat(html)
        .contains("定时任务", "每周报送提醒", "每周催办", "领导周报")
        .contains("提醒", "催办", "周报", "0 0 15 ? * THU", "各单位", "领导")
        .contains("提前到前一个工作日", "顺延到下一个工作日", "启用", "立即执行", "暂停")
        .contains("2024-09-26（周四）15:00", "2024-09-30（周一）15:00")
        // nobody is reminded on 国庆 (Thursday 10-03)
        .doesNotContain("2024-10-03（周四）15:00")
        .contains("href=\"/dashboard/admin/schedules/" + id("每周报送提醒") + "\"")
        .as("the default schedules are named in Chinese")
        .doesNotContain("weekly-");
  }

  @Test
  void previewShowsTheNextFiveFiresOfTheTypedCronWithHolidaysAndSavesNothing() throws Exception {
    String session = signIn("test-admin-token");
    long id = id("每周报送提醒");
    List<String> before = row(id);
    long auditBefore = auditCount();
    String page = get(session, PAGES + "/" + id);
    assertThat(page).contains("0 0 15 ? * THU").contains("预览").contains("保存");

    String html =
        post(
                session,
                PAGES + "/" + id + "/preview",
                page,
                form("0 30 9 ? * THU", "PREVIOUS_WORKDAY"))
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(between(html, "id=\"preview-times\"", "</ol>"))
        .contains(
            "2024-09-26（周四）09:30",
            "2024-09-30（周一）09:30", // Thursday 10-03 is 国庆: the work day before is Monday
            "2024-10-10（周四）09:30",
            "2024-10-17（周四）09:30",
            "2024-10-24（周四）09:30")
        .doesNotContain("10-03");
    assertThat(html).contains("value=\"0 30 9 ? * THU\"");
    assertThat(row(id)).isEqualTo(before);
    assertThat(auditCount()).isEqualTo(auditBefore);
  }

  @Test
  void savingChangesTheCronReplansQuartzAndIsAudited() throws Exception {
    String session = signIn("test-admin-token");
    long id = id("领导周报");
    String page = get(session, PAGES + "/" + id);

    post(session, PAGES + "/" + id, page, form("0 0 10 ? * MON", "NEXT_WORKDAY"))
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location(PAGES + "/" + id + "?saved");

    assertThat(row(id)).startsWith("领导周报", "DIGEST", "0 0 10 ? * MON");
    assertThat(get(session, PAGES + "/" + id + "?saved"))
        .contains("已保存")
        .contains("2024-09-23（周一）10:00", "2024-09-30（周一）10:00")
        // Monday 10-07 is 国庆: the digest waits for Tuesday 10-08
        .contains("2024-10-08（周二）10:00");
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(id)))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getStartTime().toInstant())
                    .isEqualTo(Instant.parse("2024-09-23T02:00:00Z")));
    assertThat(audit(id)).contains("admin SCHEDULE_UPDATE");
  }

  @Test
  void aBadCronShowsTheMessageInThePageAndChangesNothing() throws Exception {
    String session = signIn("test-admin-token");
    long id = id("每周报送提醒");
    List<String> before = row(id);
    long auditBefore = auditCount();
    String page = get(session, PAGES + "/" + id);

    for (String action : List.of("", "/preview")) {
      String html =
          post(session, PAGES + "/" + id + action, page, form("0 15 * * 4", "PREVIOUS_WORKDAY"))
              .expectStatus()
              .isBadRequest()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      assertThat(between(html, "id=\"error\"", "</p>"))
          .contains("未做任何修改")
          .contains("cron: cron 表达式")
          .contains("0 0 15 ? * THU 表示每周四 15:00");
      assertThat(html).contains("value=\"0 15 * * 4\"").doesNotContain("id=\"preview-times\"");
    }
    assertThat(row(id)).isEqualTo(before);
    assertThat(auditCount()).isEqualTo(auditBefore);
  }

  @Test
  void aCronQuartzWouldReadDifferentlyIsRefusedOnThePage() throws Exception {
    String session = signIn("test-admin-token");
    long id = id("领导周报");
    List<String> before = row(id);
    String page = get(session, PAGES + "/" + id);

    String html =
        post(session, PAGES + "/" + id, page, form("0 0 9 ? * MONN", "NEXT_WORKDAY"))
            .expectStatus()
            .isBadRequest()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(between(html, "id=\"error\"", "</p>"))
        .contains("第 6 段（星期）「MONN」无效")
        .contains("0 0 15 ? * THU 表示每周四 15:00");
    assertThat(row(id)).isEqualTo(before);
  }

  @Test
  void anAdminCreatesAScheduleFromThePageAfterAPreview() throws Exception {
    String session = signIn("test-admin-token");
    String list = get(session, PAGES);
    assertThat(list).contains("href=\"/dashboard/admin/schedules/new\"");
    String page = get(session, PAGES + "/new");
    assertThat(page).contains("新建定时任务", "提醒", "催办", "周报", "0 0 15 ? * THU");
    long auditBefore = auditCount();

    MultiValueMap<String, String> bad = newForm("周五催报", "0 0 16 ? * FRII");
    String refused =
        post(session, PAGES + "/new", page, bad)
            .expectStatus()
            .isBadRequest()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(between(refused, "id=\"error\"", "</p>")).contains("未创建", "「FRII」");
    assertThat(refused).contains("value=\"周五催报\"", "value=\"0 0 16 ? * FRII\"");
    assertThat(query("select count(*) from schedule where name = '周五催报'")).containsExactly("0");

    String preview =
        post(session, PAGES + "/new/preview", page, newForm("周五催报", "0 0 16 ? * FRI"))
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(between(preview, "id=\"preview-times\"", "</ol>"))
        .contains("2024-09-20（周五）16:00", "2024-09-27（周五）16:00")
        // 10-04 is 国庆
        .doesNotContain("2024-10-04");
    assertThat(query("select count(*) from schedule where name = '周五催报'")).containsExactly("0");
    assertThat(auditCount()).isEqualTo(auditBefore);

    var created =
        post(session, PAGES + "/new", preview, newForm("周五催报", "0 0 16 ? * FRI"))
            .expectStatus()
            .is3xxRedirection()
            .returnResult(String.class);
    long id = id("周五催报");
    assertThat(created.getResponseHeaders().getLocation()).hasToString(PAGES + "/" + id + "?saved");
    assertThat(row(id))
        .startsWith("周五催报", "REMINDER", "0 0 16 ? * FRI", "true", "SKIP_NON_WORKDAY");
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(id))).hasSize(1);
    assertThat(audit(id)).containsExactly("admin SCHEDULE_CREATE");

    String leader = signIn("test-leader-token");
    web.get()
        .uri(PAGES + "/new")
        .cookie("SESSION", leader)
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard?denied");
    web.post()
        .uri(PAGES + "/new")
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(newForm("无令牌", "0 0 16 ? * FRI")))
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(query("select count(*) from schedule where name = '无令牌'")).containsExactly("0");

    triggers.remove(id).block(Duration.ofSeconds(10));
    query("delete from schedule where id = ? returning id", id);
  }

  private static MultiValueMap<String, String> newForm(String name, String cron) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("name", name);
    form.add("kind", "REMINDER");
    form.add("cron", cron);
    form.add("workdayRule", "SKIP_NON_WORKDAY");
    form.add("target", "units");
    form.add("zone", "Asia/Shanghai");
    return form;
  }

  @Test
  void pauseResumeAndRunNowButtonsWork() throws Exception {
    String session = signIn("test-admin-token");
    long id = id("每周催办");
    String list = get(session, PAGES);

    post(session, PAGES + "/" + id + "/pause", list, new LinkedMultiValueMap<>())
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location(PAGES);
    assertThat(between(get(session, PAGES), "id=\"schedule-" + id + "\"", "</tr>"))
        .contains("已暂停")
        .contains("恢复");
    assertThat(row(id)).contains("false");
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(id))).isEmpty();

    post(session, PAGES + "/" + id + "/resume", list, new LinkedMultiValueMap<>())
        .expectStatus()
        .is3xxRedirection();
    assertThat(row(id)).contains("true");
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(id))).hasSize(1);

    String ran =
        post(session, PAGES + "/" + id + "/run", list, new LinkedMultiValueMap<>())
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    // no units are configured here, so nobody needs a 催办
    assertThat(between(ran, "id=\"ran\"", "</p>")).contains("已立即执行「每周催办」：无需发送（没有需要发送的消息）");
    assertThat(between(get(session, PAGES + "/" + id), "id=\"fires\"", "</table>"))
        .contains("手动")
        .contains("无需发送");
    assertThat(audit(id))
        .containsSubsequence("admin SCHEDULE_PAUSE", "admin SCHEDULE_RESUME", "admin SCHEDULE_RUN");
  }

  @Test
  void leadersAreTurnedAwayAndFormsWithoutTheCsrfTokenAreRefused() throws Exception {
    long id = id("每周催办");
    String leader = signIn("test-leader-token");
    String board = get(leader, "/dashboard");
    assertThat(board).doesNotContain("定时任务");
    for (String path : List.of(PAGES, PAGES + "/" + id)) {
      web.get()
          .uri(path)
          .cookie("SESSION", leader)
          .exchange()
          .expectStatus()
          .is3xxRedirection()
          .expectHeader()
          .location("/dashboard?denied");
    }
    long firesBefore = fireCount(id);
    post(leader, PAGES + "/" + id + "/run", board, new LinkedMultiValueMap<>())
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard?denied");

    String admin = signIn("test-admin-token");
    web.post()
        .uri(PAGES + "/" + id + "/pause")
        .cookie("SESSION", admin)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .exchange()
        .expectStatus()
        .isForbidden();
    web.post()
        .uri(PAGES + "/" + id)
        .cookie("SESSION", admin)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(form("0 0 9 ? * MON", "NEXT_WORKDAY")))
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(row(id)).startsWith("每周催办", "ESCALATION", "0 0 10 ? * MON", "true");
    assertThat(fireCount(id)).isEqualTo(firesBefore);
  }

  private static MultiValueMap<String, String> form(String cron, String rule) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("cron", cron);
    form.add("workdayRule", rule);
    form.add("target", "leaders");
    form.add("zone", "Asia/Shanghai");
    return form;
  }

  private String get(String session, String path) {
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

  /** Posts {@code form} with the CSRF token of the page the form was on. */
  private WebTestClient.ResponseSpec post(
      String session, String path, String page, MultiValueMap<String, String> form) {
    MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
    withToken.add("_csrf", csrf(page));
    return web.post()
        .uri(path)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(withToken))
        .exchange();
  }

  /** Signs in through the form and answers the session id. */
  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    var result =
        web.post()
            .uri("/dashboard/login")
            .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("token", token)
                    .with("_csrf", csrf(login.getResponseBody())))
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    return result.getResponseCookies().getFirst("SESSION").getValue();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }

  private static String between(String html, String start, String end) {
    int from = html.indexOf(start);
    assertThat(from).as("page has " + start).isNotNegative();
    return html.substring(from, html.indexOf(end, from));
  }

  private static long id(String name) {
    return Long.parseLong(query("select id from schedule where name = ?", name).get(0));
  }

  /** The stored schedule: name, kind, cron, enabled, work-day rule, target, zone, updated. */
  private static List<String> row(long id) {
    return query(
        "select name, kind, cron, enabled::text, workday_rule, target, zone, updated_at::text"
            + " from schedule where id = ?",
        id);
  }

  private static long auditCount() {
    return Long.parseLong(query("select count(*) from admin_audit").get(0));
  }

  private static long fireCount(long id) {
    return Long.parseLong(
        query("select count(*) from schedule_fire where schedule_id = ?", id).get(0));
  }

  /** The audit of schedule {@code id}: actor and action, oldest first. */
  private static List<String> audit(long id) {
    return query(
        "select actor || ' ' || action from admin_audit where subject = ? order by id",
        "schedule:" + id);
  }

  /** Every column of every row, in order. */
  private static List<String> query(String sql, Object... parameters) {
    List<String> values = new ArrayList<>();
    try (Connection c = DB.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            values.add(rs.getString(i));
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }
}
