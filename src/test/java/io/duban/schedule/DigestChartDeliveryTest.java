package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.MovableClock;
import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The weekly digest's chart in leaders' groups on every platform: bytes where the platform takes
 * them (Feishu through the app uploads them at send time), a link to the published chart for
 * DingTalk robots and Feishu custom bots.
 */
@QuietSpringTest
class DigestChartDeliveryTest {

  static final OwnDatabase DB = QuietService.DB;
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant START = at("2024-06-11T09:00");
  static final MovableClock CLOCK = QuietService.CLOCK;
  static final Pattern CHART_URL =
      Pattern.compile("https://duban\\.example\\.gov\\.cn/charts/([0-9a-f]{32})\\.png");

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

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void eachLeadersGroupGetsTheChartOnceAsImageOrAsALinkToTheSamePublishedPng() throws Exception {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("insert into unit (code, name, kind) values ('ch-leaders', '局领导班子', 'LEADERS')");
      st.execute(
          "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
              + " ('ch-leaders', 'DINGTALK', 'ding', '', '钉钉督办群'),"
              + " ('ch-leaders', 'FEISHU', 'fs-app', 'oc_leaders', '飞书督办群'),"
              + " ('ch-leaders', 'FEISHU', 'fs-hook', '', '飞书机器人群'),"
              + " ('ch-leaders', 'GENERIC', 'sim', 'g-leaders', '模拟群')");
    }
    Schedule digest =
        schedules
            .all()
            .filter(s -> s.kind() == ScheduleKind.DIGEST)
            .blockFirst(Duration.ofSeconds(10));

    assertThat(runner.execute(digest, at("2024-06-11T09:00")).block(Duration.ofSeconds(60)))
        .extracting(FireOutcome::outcome)
        .isEqualTo(FireOutcome.Outcome.SENT);

    Map<String, JsonNode> sent = outbox();
    String prefix = "digest:2024-W23:leaders:";
    JsonNode ding = sent.get(prefix + group("ding") + ":chart");
    JsonNode feishuApp = sent.get(prefix + group("fs-app") + ":chart");
    JsonNode feishuHook = sent.get(prefix + group("fs-hook") + ":chart");
    JsonNode simulator = sent.get(prefix + group("sim") + ":chart");
    assertThat(sent).containsKeys(prefix + group("ding"), prefix + group("fs-hook"));

    assertThat(ding.path("format").asString()).isEqualTo("MARKDOWN");
    assertThat(ding.path("title").asString()).isEqualTo("周报图表");
    Matcher link = CHART_URL.matcher(ding.path("text").asString());
    assertThat(link.find()).as(ding.path("text").asString()).isTrue();
    assertThat(ding.path("text").asString()).contains("![周报图表](" + link.group() + ")");
    assertThat(ding.path("text").asString())
        .contains("督办周报图表 · 2024年第23周（6月3日—6月9日）")
        .doesNotContain("2024-W23");
    assertThat(feishuHook.path("format").asString()).isEqualTo("TEXT");
    assertThat(feishuHook.path("text").asString()).contains(link.group());
    assertThat(feishuApp.path("format").asString()).isEqualTo("IMAGE");
    assertThat(simulator.path("format").asString()).isEqualTo("IMAGE");

    byte[] png = Base64.getDecoder().decode(feishuApp.path("text").asString());
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(published(link.group(1)))
        .as("the link shows the very chart the app uploads")
        .isEqualTo(png);

    // A second run of the same digest adds nothing, links included.
    assertThat(runner.execute(digest, at("2024-06-11T09:05")).block(Duration.ofSeconds(60)))
        .extracting(FireOutcome::outcome)
        .isEqualTo(FireOutcome.Outcome.NOTHING);
    assertThat(outbox()).hasSameSizeAs(sent);
  }

  private byte[] published(String id) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement st = c.prepareStatement("select png from digest_chart where id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).as("chart " + id + " is stored").isTrue();
        return rs.getBytes(1);
      }
    }
  }

  private long group(String botId) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select id from group_chat where bot_id = '" + botId + "'")) {
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
