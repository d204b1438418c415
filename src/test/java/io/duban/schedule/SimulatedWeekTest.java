package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import io.duban.report.ReportFact;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One week of simulated time with the default schedules (the week of 2024-06-03; Monday 06-10 is
 * 端午节): exactly the reminders, escalations and the one digest a careful secretary would send.
 */
@QuietSpringTest
class SimulatedWeekTest {

  static final OwnDatabase DB = QuietService.DB;
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant START = at("2024-06-03T08:00");
  static final MovableClock CLOCK = QuietService.CLOCK;

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
  @Autowired FireTimes fireTimes;
  @Autowired FakeProgressFacts reports;

  private final JsonMapper json = JsonMapper.builder().build();

  private void people() throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind) values ('wk-leaders', '局领导班子', 'LEADERS'),"
              + " ('wk-a', '平台科', 'DEPARTMENT'), ('wk-b', '高新科', 'DEPARTMENT'),"
              + " ('wk-c', '成果科', 'DEPARTMENT') on conflict do nothing");
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('wk-leaders', 'GENERIC', 'sim', 'g-leaders', '局领导督办群'),"
              + " ('wk-a', 'GENERIC', 'sim', 'g-a', '平台科群'),"
              + " ('wk-b', 'GENERIC', 'sim', 'g-b', '高新科群'),"
              + " ('wk-c', 'GENERIC', 'sim', 'g-c', '成果科群') on conflict do nothing");
      st.execute(
          "insert into contact (unit_code, name, platform, platform_user_id, role) values"
              + " ('wk-leaders', '陈局长', 'GENERIC', 'leader1', 'LEADER'),"
              + " ('wk-a', '刘洋', 'GENERIC', 'a2', 'CONTACT'),"
              + " ('wk-a', '赵敏', 'GENERIC', 'a3', 'CONTACT'),"
              + " ('wk-b', '孙丽', 'GENERIC', 'b1', 'CONTACT') on conflict do nothing");
      // 张伟 is on leave the whole week, 刘洋 reports for him; 周强 is on leave with no deputy.
      st.execute(
          "insert into contact (unit_code, name, platform, platform_user_id, role, leave_from,"
              + " leave_until, deputy_id) select 'wk-a', '张伟', 'GENERIC', 'a1', 'CONTACT',"
              + " date '2024-06-03', date '2024-06-07', id from contact where platform_user_id = 'a2'"
              + " on conflict do nothing");
      st.execute(
          "insert into contact (unit_code, name, platform, platform_user_id, role, leave_from,"
              + " leave_until) values ('wk-c', '周强', 'GENERIC', 'c1', 'CONTACT', date '2024-06-01',"
              + " date '2024-06-30') on conflict do nothing");
      String assign =
          "insert into assignment (item_id, lead_unit, deadline) select i.id, '%s', %s from plan_item i"
              + " join plan p on p.id = i.plan_id where p.year = 2024 and i.code = '%s'"
              + " on conflict do nothing";
      st.execute(String.format(assign, "wk-a", "null", "1.1"));
      st.execute(String.format(assign, "wk-a", "null", "1.2"));
      st.execute(String.format(assign, "wk-a", "null", "1.3"));
      st.execute(String.format(assign, "wk-b", "null", "2"));
      st.execute(String.format(assign, "wk-b", "null", "3"));
      st.execute(String.format(assign, "wk-c", "date '2024-06-20'", "4.1"));
      st.execute(
          "insert into milestone (item_id, due, percent, note) select i.id, date '2024-06-01', 60,"
              + " '材料报送' from plan_item i join plan p on p.id = i.plan_id where p.year = 2024"
              + " and i.code = '1.2' on conflict do nothing");
    }
  }

  private void reportsOfTheSpring() {
    reports.clear();
    reports.add(report("1.3", "wk-a", "DONE", 100, "已完成", "2024-W21", "2024-05-22T10:00"));
    reports.add(report("3", "wk-b", "IN_PROGRESS", 10, "正在起草", "2024-W19", "2024-05-08T10:00"));
    reports.add(report("1.1", "wk-a", "IN_PROGRESS", 50, "筹建中", "2024-W22", "2024-05-29T10:00"));
    reports.add(report("1.2", "wk-a", "IN_PROGRESS", 30, "材料准备中", "2024-W22", "2024-05-29T11:00"));
    reports.add(report("2", "wk-b", "IN_PROGRESS", 20, "对接企业", "2024-W22", "2024-05-30T10:00"));
    reports.add(report("4.1", "wk-c", "IN_PROGRESS", 70, "推进中", "2024-W22", "2024-05-31T10:00"));
    // After Thursday's reminder:
    reports.add(report("1.1", "wk-a", "DONE", 100, "省实验室揭牌运行", "2024-W23", "2024-06-07T09:00"));
    reports.add(
        report("1.2", "wk-a", "IN_PROGRESS", 50, "申报材料已报送省厅", "2024-W23", "2024-06-07T09:30"));
    reports.add(report("2", "wk-b", "BLOCKED", 20, "用地指标未落实", "2024-W23", "2024-06-07T16:00"));
  }

  private static ReportFact report(
      String item, String unit, String status, int percent, String text, String period, String at) {
    return FakeProgressFacts.report(item, unit, status, percent, text, period, at(at));
  }

  @Test
  void aWeekWithTheDefaultSchedulesSendsExactlyWhatASecretaryWould() throws Exception {
    people();
    reportsOfTheSpring();
    Map<Instant, Schedule> fires = new java.util.TreeMap<>();
    for (Schedule s : schedules.all().collectList().block()) {
      fireTimes.next(s.cron(), s.zone(), s.workdayRule(), at("2024-06-03T12:00"), 10).stream()
          .filter(t -> t.isBefore(at("2024-06-12T00:00")))
          .forEach(t -> fires.put(t, s));
    }
    List<String> planned = new ArrayList<>();
    fires.forEach((t, s) -> planned.add(s.kind() + " " + t.atZone(SHANGHAI).toLocalDateTime()));
    // Monday 06-10 is 端午节: digest and escalation wait for Tuesday.
    assertThat(planned)
        .containsExactly(
            "REMINDER 2024-06-06T15:00", "DIGEST 2024-06-11T09:00", "ESCALATION 2024-06-11T10:00");

    for (Map.Entry<Instant, Schedule> fire : fires.entrySet()) {
      CLOCK.set(fire.getKey());
      FireOutcome outcome =
          runner.runScheduled(fire.getValue().id(), fire.getKey()).block(Duration.ofSeconds(30));
      assertThat(outcome.outcome()).isEqualTo(FireOutcome.Outcome.SENT);
    }

    Map<String, JsonNode> sent = outbox();
    assertThat(sent.keySet())
        .containsExactly(
            "reminder:2024-06-06:wk-a:" + group("g-a"),
            "reminder:2024-06-06:wk-b:" + group("g-b"),
            "reminder:2024-06-06:wk-c:" + group("g-c"),
            "digest:2024-W23:leaders:" + group("g-leaders"),
            "digest:2024-W23:leaders:" + group("g-leaders") + ":chart",
            "escalation:2024-W24:leaders:" + group("g-leaders"),
            "escalation:2024-W24:wk-b:" + group("g-b"),
            "escalation:2024-W24:wk-a:" + group("g-a"),
            "escalation:2024-W24:wk-c:" + group("g-c"));

    assertThat(
            sent.get("digest:2024-W23:leaders:" + group("g-leaders") + ":chart")
                .path("format")
                .asString())
        .isEqualTo("IMAGE");

    JsonNode remindA = sent.get("reminder:2024-06-06:wk-a:" + group("g-a"));
    assertThat(remindA.path("text").asString())
        .startsWith("【督办提醒】平台科：第23周（6月3日—6月9日）以下牵头任务尚未报送进展")
        .contains("\n1.1 ", "\n1.2 ")
        .doesNotContain("\n1.3 ");
    assertThat(remindA.path("mentions").valueStream().map(JsonNode::asString).toList())
        .as("张伟 is on leave: his deputy 刘洋 is called instead")
        .containsExactly("a2", "a3");
    assertThat(sent.get("reminder:2024-06-06:wk-c:" + group("g-c")).path("mentions")).isEmpty();

    String digest =
        sent.get("digest:2024-W23:leaders:" + group("g-leaders")).path("text").asString();
    // The week before, 4.1 stood at 70% where the board's pace line (0% on 1 January to 100% on
    // its 06-20 deadline) asked 89%: behind pace on the board, so behind in the digest too.
    assertThat(digest)
        .startsWith(
            "【督办周报】第23周（6月3日—6月9日）\n"
                + "预警 3（+1），关注 6（持平），正常 2（-1），已办结销号 0（持平）\n"
                + "其中已逾期 0（持平），滞后 2（持平），受阻 1（+1），已完成待销号 2（+1），本周未报送 7（+1）\n")
        .contains("1.2 ")
        .contains("受阻事项：\n2 ")
        .contains("（高新科）：“用地指标未落实”")
        .contains("未报送单位：高新科、成果科")
        .contains("迟报单位（晚于报送截止时间）：平台科")
        .endsWith("详情看板：https://duban.example.gov.cn/dashboard");

    String leaders =
        sent.get("escalation:2024-W24:leaders:" + group("g-leaders")).path("text").asString();
    assertThat(leaders)
        .contains("🔴 红色（1项）\n3 ")
        .contains("（高新科）：已连续4周未报送")
        .contains("🟡 黄色（2项）\n1.2 ")
        .contains("（平台科）：进度50%，低于6月1日节点要求的60%")
        .doesNotContain("蓝色")
        .doesNotContain("4.1 ");
    assertThat(sent.get("escalation:2024-W24:wk-c:" + group("g-c")).path("text").asString())
        .contains("🔵 蓝色（1项）\n4.1 ")
        .contains("距完成时限（6月20日）还有9天");

    // A retry of every fire, as a second instance or a redelivered trigger would do: nothing new.
    for (Map.Entry<Instant, Schedule> fire : fires.entrySet()) {
      CLOCK.set(fire.getKey().plusSeconds(30));
      FireOutcome again =
          runner.runScheduled(fire.getValue().id(), fire.getKey()).block(Duration.ofSeconds(30));
      assertThat(again.outcome()).isEqualTo(FireOutcome.Outcome.NOTHING);
    }
    assertThat(outbox()).hasSize(9);
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
