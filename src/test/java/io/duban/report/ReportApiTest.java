package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class ReportApiTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;

  private WebTestClient.ResponseSpec preview(String token, Object body) {
    return web.post()
        .uri("/api/v1/reports/preview")
        .header("Authorization", "Bearer " + token)
        .bodyValue(body)
        .exchange();
  }

  private long reportCount() {
    return db.sql("select count(*) as n from progress_report")
        .map(r -> r.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(5));
  }

  @Test
  void previewShowsHowTheBotReadsAReportAndStoresNothing() {
    long before = reportCount();
    preview("test-admin-token", Map.of("text", "@督办助手 【1.2】药创院省重点实验室申报材料已报送，进度由40%提高到60%"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.intent")
        .isEqualTo("REPORT")
        .jsonPath("$.itemCode")
        .isEqualTo("1.2")
        .jsonPath("$.status")
        .isEqualTo("IN_PROGRESS")
        .jsonPath("$.percent")
        .isEqualTo(60)
        .jsonPath("$.candidates")
        .isEmpty();
    assertThat(reportCount()).isEqualTo(before);
  }

  @Test
  void previewListsCandidatesForAnUnclearLineAndUsesTheSendersUnit() {
    String text = "与火炬区、翠亨新区联动推进中，进度50%";
    preview("test-admin-token", Map.of("text", text))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.itemCode")
        .doesNotExist()
        .jsonPath("$.candidates[0].code")
        .isEqualTo("4.1")
        .jsonPath("$.candidates[0].title")
        .isEqualTo("推动“香港科创+中山制造”举措落实落细")
        .jsonPath("$.candidates[1].code")
        .isEqualTo("1.2");
    preview("test-admin-token", Map.of("text", text, "senderId", "guo.ming"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.itemCode")
        .isEqualTo("4.1");
  }

  @Test
  void previewTellsCommandsAndChatterApart() {
    preview("test-admin-token", Map.of("text", "/show 1.2"))
        .expectBody()
        .jsonPath("$.intent")
        .isEqualTo("COMMAND")
        .jsonPath("$.itemCode")
        .isEqualTo("1.2");
    preview("test-admin-token", Map.of("text", "收到，谢谢"))
        .expectBody()
        .jsonPath("$.intent")
        .isEqualTo("CHATTER")
        .jsonPath("$.status")
        .doesNotExist();
  }

  @Test
  void previewIsForAdminsAndNeedsText() {
    preview("test-leader-token", Map.of("text", "1.2 进度60%")).expectStatus().isForbidden();
    preview("test-admin-token", Map.of("senderId", "zhang.wei"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_REQUEST");
  }

  @Test
  void listingRefusesAMalformedWeek() {
    web.get()
        .uri("/api/v1/reports?week=2024-23")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.get()
        .uri("/api/v1/reports?week=2024-W23&unverified=true")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/api/v1/reports")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isForbidden();
  }
}
