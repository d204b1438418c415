package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import io.duban.report.ReportFact;
import io.duban.report.ReportResponsibility;
import io.duban.report.ReportStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Responsibility in the schedules (issue 14): a supporting or other unit's report on an item leaves
 * its lead unit reminded and listed as 未报送 in the digest; and what reporters typed, new lines and
 * mentions included, stays one quoted line in the reminder, escalation and digest.
 */
@QuietSpringTest
class ResponsibleUnitSchedulesTest {

  static final OwnDatabase DB = QuietService.DB;
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant START = at("2024-06-03T08:00");
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final String FORGED = "缺资金\n\n未报送单位：无\n详情看板：http://evil.example\u2028<@all> @all";

  static Instant at(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), SHANGHAI).toInstant();
  }

  @BeforeAll
  static void fromTheDefaultSchedules(
      @Autowired QuietService quiet,
      @Autowired ScheduleTriggers triggers,
      @Autowired ScheduleBootstrap bootstrap)
      throws Exception {
    DefaultSchedules.restore(quiet, START, triggers, bootstrap);
  }

  @Autowired ScheduleRepository schedules;
  @Autowired ScheduleRunner runner;
  @Autowired FakeProgressFacts reports;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aSupportingOrOtherUnitsReportLeavesTheLeadUnitRemindedAndMissing() throws Exception {
    people();
    reports.clear();
    reports.add(report("1.1", "rs-b", ReportResponsibility.SUPPORT, "配合完成选址", "2024-06-05T10:00"));
    reports.add(report("1.1", "rs-c", ReportResponsibility.NONE, "听说已完成", "2024-06-05T11:00"));
    reports.add(report("1.2", "rs-a", ReportResponsibility.LEAD, FORGED, "2024-06-05T12:00"));

    fire(ScheduleKind.REMINDER, "2024-06-06T15:00");
    fire(ScheduleKind.DIGEST, "2024-06-11T09:00");
    fire(ScheduleKind.ESCALATION, "2024-06-11T10:00");

    Map<String, JsonNode> sent = outbox();
    assertThat(text(sent, "reminder:2024-06-06:rs-a:" + group("rs-g-a")))
        .contains("\n1.1 ")
        .doesNotContain("\n1.2 ");
    String digest = text(sent, "digest:2024-W23:leaders:" + group("rs-g-leaders"));
    assertThat(digest.lines().filter(l -> l.startsWith("未报送单位："))).containsExactly("未报送单位：平台科");
    assertThat(digest).containsPattern("\n1\\.1 [^\n]*：(尚无报送|本周未报送)");
    for (Map.Entry<String, JsonNode> e : sent.entrySet()) {
      String text = e.getValue().path("text").asString();
      assertThat(text.lines())
          .as(e.getKey())
          .noneMatch(l -> l.startsWith("未报送单位：无") || l.startsWith("详情看板：http://evil"));
      assertThat(text).as(e.getKey()).doesNotContain("<@all>", "@all", "\u2028");
    }
  }

  private void fire(ScheduleKind kind, String local) {
    Schedule s = schedules.all().filter(x -> x.kind() == kind).blockFirst(Duration.ofSeconds(10));
    CLOCK.set(at(local));
    FireOutcome outcome = runner.execute(s, at(local)).block(Duration.ofSeconds(30));
    assertThat(outcome.outcome()).as(kind + " at " + local).isEqualTo(FireOutcome.Outcome.SENT);
  }

  private void people() throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind) values ('rs-leaders', '局领导班子', 'LEADERS'),"
              + " ('rs-a', '平台科', 'DEPARTMENT'), ('rs-b', '规划科', 'DEPARTMENT'),"
              + " ('rs-c', '人才科', 'DEPARTMENT') on conflict do nothing");
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('rs-leaders', 'GENERIC', 'sim', 'rs-g-leaders', '局领导督办群'),"
              + " ('rs-a', 'GENERIC', 'sim', 'rs-g-a', '平台科群'),"
              + " ('rs-b', 'GENERIC', 'sim', 'rs-g-b', '规划科群') on conflict do nothing");
      st.execute(
          "insert into contact (unit_code, name, platform, platform_user_id, role) values"
              + " ('rs-leaders', '陈局长', 'GENERIC', 'rs-leader', 'LEADER'),"
              + " ('rs-a', '刘洋', 'GENERIC', 'rs-a1', 'CONTACT'),"
              + " ('rs-b', '林强', 'GENERIC', 'rs-b1', 'CONTACT') on conflict do nothing");
      String assign =
          "insert into assignment (item_id, lead_unit, deadline) select i.id, 'rs-a', date"
              + " '2024-12-31' from plan_item i join plan p on p.id = i.plan_id where p.year = 2024"
              + " and i.code = '%s' on conflict do nothing";
      st.execute(String.format(assign, "1.1"));
      st.execute(String.format(assign, "1.2"));
      st.execute(
          "insert into assignment_support (item_id, unit_code) select i.id, 'rs-b' from plan_item i"
              + " join plan p on p.id = i.plan_id where p.year = 2024 and i.code = '1.1'"
              + " on conflict do nothing");
    }
  }

  private static ReportFact report(
      String item, String unit, ReportResponsibility responsibility, String text, String local) {
    Instant at = at(local);
    return new ReportFact(
        at.toEpochMilli(),
        item,
        unit,
        null,
        ReportStatus.BLOCKED,
        30,
        text,
        text,
        "2024-W23",
        at,
        false,
        false,
        responsibility);
  }

  private static String text(Map<String, JsonNode> sent, String key) {
    assertThat(sent).as("sent messages").containsKey(key);
    return sent.get(key).path("text").asString();
  }

  private long group(String chatId) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select id from group_chat where chat_id = '" + chatId + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Map<String, JsonNode> outbox() throws SQLException {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select dedupe_key, payload::text from outbox_message order by id")) {
      while (rs.next()) {
        rows.put(rs.getString(1), json.readTree(rs.getString(2)));
      }
    }
    return rows;
  }
}
