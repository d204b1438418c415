package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.Dispatching;
import io.duban.delivery.OwnDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Finding 8: 立即执行 said "已发送 4 条" when two of the four went straight to DEAD (an unknown bot), and
 * no page showed delivery failures. Now the run says what was queued and what cannot be delivered,
 * the history shows what came of the queued messages, an admin page lists the failed and waiting
 * ones with a redrive button (audited), and the next digest names the group it missed.
 */
@QuietSpringTest
class DeliveryVisibleTest {

  static final OwnDatabase DB = QuietService.DB;
  // Monday 2024-06-17, 10:00 in Shanghai: the digest of 2024-W24 is due.
  static final Instant START = Instant.parse("2024-06-17T02:00:00Z");
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final String PAGES = "/dashboard/admin/schedules";
  static final String OUTBOX = "/dashboard/admin/outbox";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @BeforeAll
  static void leadersInTwoGroupsOneOfThemOnAnUnknownBot(
      @Autowired QuietService quiet,
      @Autowired ScheduleTriggers triggers,
      @Autowired ScheduleBootstrap bootstrap)
      throws Exception {
    DefaultSchedules.restore(quiet, START, triggers, bootstrap);
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind) values ('dv-leaders', '局领导班子', 'LEADERS'),"
              + " ('dv-deputy', '分管领导', 'LEADERS')");
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('dv-leaders', 'WECOM', 'w1', 'dv-g1', '局领导督办群'),"
              + " ('dv-deputy', 'WECOM', 'ghost', 'dv-g2', '分管领导群')");
    }
  }

  @Autowired WebTestClient web;
  @Autowired ApplicationContext context;

  @Test
  void runNowHistoryOutboxPageAndTheNextDigestTellTheTruthAboutDelivery() throws Exception {
    web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    String admin = signIn("test-admin-token");
    long digest = Long.parseLong(query("select id from schedule where kind = 'DIGEST'").get(0));
    String list = get(admin, PAGES);

    String ran = post(admin, PAGES + "/" + digest + "/run", list);
    String said = between(ran, "id=\"ran\"", "</p>");
    assertThat(said)
        .contains("已立即执行「领导周报」")
        .contains("已排队 4 条")
        .contains("其中 2 条无法送达")
        .contains("ghost")
        .doesNotContain("已发送");
    assertThat(ran).contains("class=\"alert\" id=\"ran\"");

    Dispatching.dispatchDue(context);
    assertThat(query("select count(*) from outbox_message where status = 'DEAD'"))
        .containsExactly("2");

    String history = between(get(admin, PAGES + "/" + digest), "id=\"fires\"", "</table>");
    assertThat(history).contains("手动", "已排队", "已送达 2 条，失败 2 条").contains("unknown WeCom bot ghost");

    String page = get(admin, OUTBOX);
    String dead = between(page, "id=\"dead\"", "</table>");
    assertThat(dead).contains("wecom:ghost:webhook", "unknown WeCom bot ghost", "重发");
    assertThat(dead).doesNotContain("wecom:w1");
    long id =
        Long.parseLong(
            query(
                    "select id from outbox_message where bot_id = 'ghost' and status = 'DEAD'"
                        + " order by id limit 1")
                .get(0));
    web.post()
        .uri(OUTBOX + "/" + id + "/redrive")
        .cookie("SESSION", admin)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .exchange()
        .expectStatus()
        .isForbidden();
    web.post()
        .uri(OUTBOX + "/" + id + "/redrive")
        .cookie("SESSION", admin)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("_csrf", csrf(page)))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location(OUTBOX + "?redriven=" + id);
    assertThat(query("select status, attempts from outbox_message where id = ?", id))
        .containsExactly("PENDING", "0");
    assertThat(query("select actor, action from admin_audit where subject = ?", "outbox:" + id))
        .containsExactly("admin", "OUTBOX_REDRIVE");
    assertThat(between(get(admin, OUTBOX), "id=\"waiting\"", "</table>"))
        .contains("wecom:ghost:webhook");

    web.get()
        .uri("/api/v1/outbox?status=WAITING")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.id == " + id + ")].status")
        .isEqualTo("PENDING");
    web.get()
        .uri("/api/v1/outbox?status=DEAD")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1);
    web.get()
        .uri("/api/v1/outbox?status=LOST")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .value(m -> assertThat((String) m).contains("DEAD", "WAITING"));

    // A week later the digest to the group that was reached names the one that was not.
    CLOCK.set(START.plus(Duration.ofDays(7)));
    post(admin, PAGES + "/" + digest + "/run", get(admin, PAGES));
    String next =
        query(
                "select payload->>'text' from outbox_message where dedupe_key like"
                    + " 'digest:2024-W25:leaders:%' and bot_id = 'w1' and payload->>'format' ="
                    + " 'TEXT'")
            .get(0);
    assertThat(next).contains("上周未送达：分管领导群").doesNotContain("上周未送达：局领导督办群");
  }

  @Test
  void leadersCannotSeeTheDeliveryPage() {
    String leader = signIn("test-leader-token");
    web.get()
        .uri(OUTBOX)
        .cookie("SESSION", leader)
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard?denied");
    assertThat(get(leader, "/dashboard")).doesNotContain("消息投递");
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

  private String post(String session, String path, String page) {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("_csrf", csrf(page));
    return web.post()
        .uri(path)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(form))
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
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
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
