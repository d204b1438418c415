package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The schedule admin API: validation, Quartz mirroring, next fires with holidays, history, audit.
 */
@QuietSpringTest
class ScheduleApiTest {

  static final OwnDatabase DB = QuietService.DB;
  // Friday 2024-09-20, 08:00 in Shanghai: the week before 中秋 and 国庆.
  static final Instant START = Instant.parse("2024-09-20T00:00:00Z");
  static final MovableClock CLOCK = QuietService.CLOCK;

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

  private WebTestClient.RequestHeadersSpec<?> admin(WebTestClient.RequestHeadersSpec<?> spec) {
    return spec.header("Authorization", "Bearer test-admin-token");
  }

  private static Map<String, Object> body(String name, String cron, String rule) {
    return Map.of(
        "name", name, "kind", "REMINDER", "cron", cron, "target", "units", "workdayRule", rule);
  }

  @Test
  void seedsTheDefaultSchedules() {
    admin(web.get().uri("/api/v1/schedules"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.name == '每周报送提醒')].cron")
        .isEqualTo("0 0 15 ? * THU")
        .jsonPath("$[?(@.name == '每周催办')].kind")
        .isEqualTo("ESCALATION")
        .jsonPath("$[?(@.name == '领导周报')].workdayRule")
        .isEqualTo("NEXT_WORKDAY");
  }

  @Test
  void aBadCronIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
    long auditBefore = count("admin_audit");
    admin(
            web.post()
                .uri("/api/v1/schedules")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("bad-cron", "0 15 * * 4", "SKIP_NON_WORKDAY")))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_SCHEDULE")
        .jsonPath("$.message")
        .value(
            m ->
                assertThat((String) m)
                    .startsWith("cron: cron 表达式")
                    .contains("秒 分 时 日 月 星期 [年]", "0 0 15 ? * THU"));

    admin(
            web.post()
                .uri("/api/v1/schedules")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "name",
                        "bad-fields",
                        "cron",
                        "0 0 9 ? * MON",
                        "zone",
                        "Mars/Olympus",
                        "target",
                        "everyone")))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .value(
            m ->
                assertThat((String) m)
                    .contains("kind: 必填", "zone: 未知时区「Mars/Olympus」", "target: 应为 units"));

    admin(web.get().uri("/api/v1/schedules"))
        .exchange()
        .expectBody()
        .jsonPath("$[?(@.name == 'bad-cron')]")
        .isEmpty();
    assertThat(count("admin_audit")).isEqualTo(auditBefore);
  }

  @Test
  void createsAScheduleWhoseNextFiresFollowTheHolidayRule() throws Exception {
    List<String> expected =
        List.of(
            "2024-09-26T15:00:00+08:00",
            "2024-09-30T15:00:00+08:00", // Thursday 10-03 is 国庆: the work day before is Monday
            "2024-10-10T15:00:00+08:00",
            "2024-10-17T15:00:00+08:00",
            "2024-10-24T15:00:00+08:00");
    long scheduleId =
        admin(
                web.post()
                    .uri("/api/v1/schedules")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body("thu-reminder", "0 0 15 ? * THU", "PREVIOUS_WORKDAY")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(ScheduleService.ScheduleView.class)
            .returnResult()
            .getResponseBody()
            .id();

    admin(web.get().uri("/api/v1/schedules/" + scheduleId + "/next"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$")
        .isEqualTo(new ArrayList<>(expected));
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(scheduleId)))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getStartTime().toInstant())
                    .isEqualTo(Instant.parse("2024-09-26T07:00:00Z")));

    admin(
            web.post()
                .uri("/api/v1/schedules")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("thu-reminder", "0 0 16 ? * THU", "PREVIOUS_WORKDAY")))
        .exchange()
        .expectStatus()
        .isEqualTo(409);

    admin(web.post().uri("/api/v1/schedules/" + scheduleId + "/pause"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(false)
        .jsonPath("$.nextFireTimes")
        .isEmpty();
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(scheduleId))).isEmpty();

    admin(web.post().uri("/api/v1/schedules/" + scheduleId + "/resume"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(true);
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(scheduleId))).hasSize(1);

    admin(web.post().uri("/api/v1/schedules/" + scheduleId + "/run"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.outcome")
        .isEqualTo("NOTHING");
    admin(web.get().uri("/api/v1/schedules/" + scheduleId + "/fires"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1)
        .jsonPath("$[0].trigger")
        .isEqualTo("MANUAL");

    admin(web.delete().uri("/api/v1/schedules/" + scheduleId))
        .exchange()
        .expectStatus()
        .isNoContent();
    admin(web.get().uri("/api/v1/schedules/" + scheduleId)).exchange().expectStatus().isNotFound();
    assertThat(quartz.getTriggersOfJob(ScheduleTriggers.jobKey(scheduleId))).isEmpty();

    assertThat(audit("schedule:" + scheduleId))
        .containsExactly(
            "SCHEDULE_CREATE",
            "SCHEDULE_PAUSE",
            "SCHEDULE_RESUME",
            "SCHEDULE_RUN",
            "SCHEDULE_DELETE");
  }

  @Test
  void previewsAnUnsavedCronWithHolidaysAppliedWithoutSavingIt() throws Exception {
    long schedulesBefore = count("schedule");
    admin(
            web.get()
                .uri(
                    b ->
                        b.path("/api/v1/schedules/preview")
                            .queryParam("cron", "0 0 15 ? * THU")
                            .queryParam("zone", "Asia/Shanghai")
                            .queryParam("workdayRule", "PREVIOUS_WORKDAY")
                            .queryParam("count", 5)
                            .build()))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$")
        .isEqualTo(
            List.of(
                "2024-09-26T15:00:00+08:00",
                "2024-09-30T15:00:00+08:00", // Thursday 10-03 is 国庆: the work day before
                "2024-10-10T15:00:00+08:00",
                "2024-10-17T15:00:00+08:00",
                "2024-10-24T15:00:00+08:00"));

    admin(web.get().uri("/api/v1/schedules/preview?cron={cron}", "0 15 * * 4"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_SCHEDULE")
        .jsonPath("$.message")
        .value(m -> assertThat((String) m).startsWith("cron: "));
    admin(web.get().uri("/api/v1/schedules/preview?cron={cron}&count=0", "0 0 15 ? * THU"))
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.get()
        .uri("/api/v1/schedules/preview?cron={cron}", "0 0 15 ? * THU")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(count("schedule")).isEqualTo(schedulesBefore);
  }

  @Test
  void leadersCannotTouchSchedules() {
    web.get()
        .uri("/api/v1/schedules")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get().uri("/api/v1/schedules").exchange().expectStatus().isUnauthorized();
  }

  private static long count(String table) throws Exception {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> audit(String subject) throws Exception {
    List<String> actions = new ArrayList<>();
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select action, actor from admin_audit where subject = '"
                    + subject
                    + "' order by id")) {
      while (rs.next()) {
        assertThat(rs.getString("actor")).isNotEqualTo("system");
        actions.add(rs.getString("action"));
      }
    }
    return actions;
  }
}
