package io.duban.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ReportFixture;
import io.duban.report.ReportWeek;
import io.duban.unit.GroupChat;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/v1/bulletin.docx} over real HTTP, and the 通报 the leaders' groups are sent. */
@DubanSpringTest
class BulletinApiTest {

  @Autowired WebTestClient web;
  @Autowired Bulletins bulletins;
  private ReportFixture reports;

  @BeforeEach
  void seed() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    reports = new ReportFixture();
    reports.report(
        "1.2",
        "zhang.wei",
        "IN_PROGRESS",
        60,
        "药创院省重点实验室申报材料已报送，进度60%",
        "2024-W23",
        Instant.parse("2024-06-05T02:30:00Z"));
  }

  @AfterEach
  void clean() {
    reports.close();
  }

  @Test
  void leaderDownloadsTheWeeksBulletinWhoseNumberIsStableAndIncrements() throws Exception {
    byte[] w30 = get("/api/v1/bulletin.docx?week=2024-W30", "test-leader-token");
    String first = numberLine(w30);
    assertThat(first).matches("2024年第\\d+期");
    int n = Integer.parseInt(first.replaceAll("\\D", "").substring(4));

    assertThat(numberLine(get("/api/v1/bulletin.docx?week=2024-W30", "test-admin-token")))
        .as("the same week keeps its number")
        .isEqualTo(first);
    assertThat(numberLine(get("/api/v1/bulletin.docx?week=2024-W31", "test-leader-token")))
        .as("the next issue")
        .isEqualTo("2024年第" + (n + 1) + "期");
    assertThat(
            numberLine(
                get("/api/v1/bulletin.docx?from=2024-07-22&to=2024-07-28", "test-leader-token")))
        .as("a range that is exactly week 30 is week 30")
        .isEqualTo(first);
    byte[] june = get("/api/v1/bulletin.docx?from=2024-06-01&to=2024-06-30", "test-leader-token");
    assertThat(numberLine(june)).isEqualTo("2024年第" + (n + 2) + "期");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(june))) {
      String text = String.join("\n", doc.getParagraphs().stream().map(p -> p.getText()).toList());
      assertThat(text).contains("关于2024年6月1日至2024年6月30日重点工作推进情况的通报").contains("一、总体情况");
      assertThat(doc.getTables().get(1).getText())
          .as("the ledger attached with the unit's report")
          .contains("药创院省重点实验室申报材料已报送");
    }
  }

  @Test
  void downloadIsAWordFileNamedForItsWeek() {
    web.get()
        .uri("/api/v1/bulletin.docx?week=2024-W23")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(BulletinFile.CONTENT_TYPE)
        .expectHeader()
        .value(
            "Content-Disposition",
            v ->
                assertThat(v)
                    .contains("attachment")
                    .contains("UTF-8''%E7%9D%A3%E6%9F%A5%E9%80%9A%E6%8A%A5-2024-W23.docx"));
  }

  @Test
  void refusesBadPeriodsInChineseAndNumbersNothing() {
    refused("week=2024-W99", "不存在");
    refused("week=W23", "周次应写成“2024-W23”的形式");
    refused("from=2024-06-01", "同时给出开始日期（from）和结束日期（to）");
    refused("from=2024-06-30&to=2024-06-01", "开始日期（2024-06-30）晚于结束日期（2024-06-01）");
    refused("from=2024-6-1&to=2024-06-30", "开始日期应写成“2024-06-01”的形式");
    refused("from=2023-01-01&to=2024-06-30", "最长覆盖一年");
    refused("week=2024-W23&from=2024-06-01&to=2024-06-30", "不要同时指定");
    assertThat(count("select count(*) from bulletin_issue where year = 2023 or period like '%W99'"))
        .isZero();
  }

  @Test
  void onlyLeadersAndAdminsMayDownload() {
    web.get().uri("/api/v1/bulletin.docx?week=2024-W23").exchange().expectStatus().isUnauthorized();
    web.get()
        .uri("/api/v1/bulletin.docx?week=2024-W23")
        .header("Authorization", "Bearer not-a-token")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void weComRobotGroupsGetTheFileAndOtherGroupsALink() {
    GroupChat wecom = new GroupChat(901, "leaders", Platform.WECOM, "no-such-bot", "wrk-l", "领导群");
    GroupChat dingtalk =
        new GroupChat(902, "leaders", Platform.DINGTALK, "no-such-bot", "cid-l", "领导钉钉群");
    List<BulletinMessage> messages =
        bulletins
            .messages(ReportWeek.parse("2024-W23"), List.of(wecom, dingtalk), "leaders")
            .block();

    assertThat(messages).hasSize(2);
    OutboundMessage file = messages.get(0).message();
    assertThat(file.format()).isEqualTo(OutboundMessage.Format.FILE);
    assertThat(file.title()).isEqualTo("督查通报-2024-W23.docx");
    byte[] bytes = Base64.getDecoder().decode(file.text());
    assertThat(numberLine(bytes)).matches("2024年第\\d+期");
    assertThat(messages.get(0).dedupeKey()).isEqualTo("bulletin:2024-W23:leaders:901");
    OutboundMessage link = messages.get(1).message();
    assertThat(link.format()).isEqualTo(OutboundMessage.Format.TEXT);
    assertThat(link.text()).startsWith("督查通报（" + numberLine(bytes) + "）：2024年第23周（6月3日—6月9日）已印发");
  }

  private void refused(String query, String message) {
    web.get()
        .uri("/api/v1/bulletin.docx?" + query)
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_REQUEST")
        .jsonPath("$.message")
        .value(v -> assertThat((String) v).as(query).contains(message));
  }

  private byte[] get(String uri, String token) {
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

  private static String numberLine(byte[] docx) {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      return doc.getParagraphs().get(1).getText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String sql) {
    try (var c = io.duban.TestDatabase.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
