package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import io.duban.report.ClosingChannel;
import io.duban.report.ItemClosing;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An item a leader closed (办结销号) whose unit later wrote 进行中 again: two weeks of the default
 * schedules leave it out of reminders and escalations and show it closed in the digest, until a
 * leader reopens it.
 */
@QuietSpringTest
class ClosedItemSchedulesTest {

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
  @Autowired FakeProgressFacts reports;
  @Autowired ItemClosing closing;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aClosedItemLeavesRemindersAndEscalationsUntilReopenedAndShowsClosedInTheDigest()
      throws Exception {
    people();
    reports.clear();
    reports.add(report("1.3", "DONE", 100, "扩区方案已获批复", "2024-W21", "2024-05-22T10:00"));
    closeAt("1.3", "2024-05-23T10:00");
    // After the closing the unit writes about it again, as if it were still open.
    reports.add(report("1.3", "IN_PROGRESS", 60, "补充材料中", "2024-W22", "2024-05-30T10:00"));
    // 1.1 is never reported and has its deadline behind it: reminded and escalated throughout.

    fire(ScheduleKind.REMINDER, "2024-06-06T15:00");
    fire(ScheduleKind.DIGEST, "2024-06-11T09:00");
    fire(ScheduleKind.ESCALATION, "2024-06-11T10:00");

    Map<String, JsonNode> sent = outbox();
    assertThat(text(sent, "reminder:2024-06-06:cl-a:" + group("cl-g-a")))
        .contains("\n1.1 ")
        .doesNotContain("\n1.3 ");
    assertThat(text(sent, "escalation:2024-W24:leaders:" + group("cl-g-leaders")))
        .contains("\n1.1 ")
        .doesNotContain("\n1.3 ");
    assertThat(text(sent, "escalation:2024-W24:cl-a:" + group("cl-g-a")))
        .contains("\n1.1 ")
        .doesNotContain("\n1.3 ");
    String digest = text(sent, "digest:2024-W23:leaders:" + group("cl-g-leaders"));
    assertThat(digest)
        .contains("，已办结销号 1（持平）\n")
        .contains("已完成待销号 0（持平）")
        .containsPattern("\n1\\.3 [^\n]*：✅ 已办结销号\n")
        .doesNotContain("补充材料中");

    CLOCK.set(at("2024-06-11T11:00"));
    closing.reopen("1.3", "陈局长", ClosingChannel.DASHBOARD, "材料需补充").block(Duration.ofSeconds(10));

    fire(ScheduleKind.REMINDER, "2024-06-13T15:00");
    fire(ScheduleKind.DIGEST, "2024-06-17T09:00");
    fire(ScheduleKind.ESCALATION, "2024-06-17T10:00");

    sent = outbox();
    assertThat(text(sent, "reminder:2024-06-13:cl-a:" + group("cl-g-a")))
        .contains("\n1.1 ", "\n1.3 ");
    assertThat(text(sent, "escalation:2024-W25:leaders:" + group("cl-g-leaders")))
        .containsPattern("\n1\\.3 [^\n]*（平台科）：已超过完成时限（6月5日）");
    assertThat(text(sent, "escalation:2024-W25:cl-a:" + group("cl-g-a"))).contains("\n1.3 ");
    assertThat(text(sent, "digest:2024-W24:leaders:" + group("cl-g-leaders")))
        // a reopening removes the closing, so the week before no longer counts it closed either
        .contains("，已办结销号 0（持平）\n")
        .containsPattern("\n1\\.3 [^\n]*：本周未报送（上次：推进中 60%）")
        .doesNotContain("✅ 已办结销号");
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
          "insert into unit (code, name, kind) values ('cl-leaders', '局领导班子', 'LEADERS'),"
              + " ('cl-a', '平台科', 'DEPARTMENT') on conflict do nothing");
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('cl-leaders', 'GENERIC', 'sim', 'cl-g-leaders', '局领导督办群'),"
              + " ('cl-a', 'GENERIC', 'sim', 'cl-g-a', '平台科群') on conflict do nothing");
      st.execute(
          "insert into contact (unit_code, name, platform, platform_user_id, role) values"
              + " ('cl-leaders', '陈局长', 'GENERIC', 'cl-leader', 'LEADER'),"
              + " ('cl-a', '刘洋', 'GENERIC', 'cl-a1', 'CONTACT') on conflict do nothing");
      String assign =
          "insert into assignment (item_id, lead_unit, deadline) select i.id, 'cl-a', date '%s'"
              + " from plan_item i join plan p on p.id = i.plan_id where p.year = 2024"
              + " and i.code = '%s' on conflict do nothing";
      st.execute(String.format(assign, "2024-05-31", "1.1"));
      st.execute(String.format(assign, "2024-06-05", "1.3"));
    }
  }

  /** A closing made earlier through the dashboard. */
  private void closeAt(String code, String local) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into item_closing (item_id, closed_at, closed_by, note) select i.id, timestamptz '"
              + at(local)
              + "', '陈局长', '同意销号' from plan_item i join plan p on p.id = i.plan_id"
              + " where p.year = 2024 and i.code = '"
              + code
              + "'");
    }
  }

  private static ReportFact report(
      String item, String status, int percent, String text, String period, String at) {
    return FakeProgressFacts.report(item, "cl-a", status, percent, text, period, at(at));
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
