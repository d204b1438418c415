package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.generic.GenericSignature;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * A user id means its person only through the bot and in the chats where that person is registered:
 * the audit's {@code 确认办结} from an unregistered chat through another bot is not a leader's, and a
 * report from there is kept unverified.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class BoundIdentityTest {

  @Autowired WebTestClient web;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;

  @BeforeEach
  void start() {
    clock.set(ConversationFixture.START);
  }

  @Test
  void refusesALeadersCloseFromAnUnregisteredChatThroughAnotherBot() {
    long before = audits("1.2");

    String reply =
        replyTo(
            post(
                "other",
                "generic-other-secret-5d2a",
                "bi-close-1",
                "audit-room",
                "sim-leader",
                "group",
                "确认办结 1.2"));

    assertThat(reply).isEqualTo(ReplyTexts.LEADERS_ONLY);
    assertThat(audits("1.2")).as("no closing recorded").isEqualTo(before);
  }

  @Test
  void takesALeadersCommandsInTheLeadersChatAndDirectlyButNotInAUnitsChat() {
    long before = audits("1.3");

    String inUnitChat =
        replyTo(
            post(
                "local",
                "generic-secret-3e8f17",
                "bi-close-2",
                "sim-platforms",
                "sim-leader",
                "group",
                "确认办结 1.3"));
    assertThat(inUnitChat).isEqualTo(ReplyTexts.LEADERS_ONLY);
    assertThat(audits("1.3")).isEqualTo(before);

    String inLeadersChat =
        replyTo(
            post(
                "local",
                "generic-secret-3e8f17",
                "bi-close-3",
                "sim-leaders",
                "sim-leader",
                "group",
                "确认办结 1.3"));
    // a leader's command: answered on its merits (1.3 has no report of completion yet)
    assertThat(inLeadersChat).isNotEqualTo(ReplyTexts.LEADERS_ONLY);

    String direct =
        replyTo(
            post(
                "local",
                "generic-secret-3e8f17",
                "bi-missing-4",
                "sim-leader",
                "sim-leader",
                "single",
                "未报"));
    assertThat(direct).isNotEqualTo(ReplyTexts.LEADERS_ONLY).contains("未报进展");
  }

  @Test
  void keepsAReportFromAnUnregisteredChatUnverified() {
    long id =
        post(
            "other",
            "generic-other-secret-5d2a",
            "bi-report-1",
            "audit-room",
            "sim-platforms",
            "group",
            "1.2 材料已报送省科技厅，进度90%");
    String reply = replyTo(id);

    assertThat(reply).contains(ReplyTexts.NOT_REGISTERED);
    Map<String, Object> report =
        Mono.defer(
                () ->
                    db.sql(
                            "select verified, contact_id, unit_code from progress_report"
                                + " where inbound_message_id = :id")
                        .bind("id", id)
                        .fetch()
                        .one())
            .repeatWhenEmpty(10, tries -> tries.delayElements(Duration.ofMillis(200)))
            .block(Duration.ofSeconds(5));
    assertThat(report).containsEntry("verified", false);
    assertThat(report.get("contact_id")).isNull();
  }

  private long audits(String code) {
    return auditCount(code).block(Duration.ofSeconds(10));
  }

  private Mono<Long> auditCount(String code) {
    return db.sql(
            "select count(*) as n from item_closing_audit a join plan_item i on i.id = a.item_id"
                + " where i.code = :code")
        .bind("code", code)
        .map(r -> r.get("n", Long.class))
        .one();
  }

  private String replyTo(long messageId) {
    return replies
        .events()
        .filter(s -> s.source().id() == messageId)
        .next()
        .block(Duration.ofSeconds(20))
        .text();
  }

  private long post(
      String bot,
      String secret,
      String messageId,
      String chatId,
      String senderId,
      String chatType,
      String text) {
    String body =
        "{\"messageId\":\""
            + messageId
            + "\",\"chatId\":\""
            + chatId
            + "\",\"chatType\":\""
            + chatType
            + "\",\"senderId\":\""
            + senderId
            + "\",\"text\":\""
            + text
            + "\",\"sentAt\":\"2024-06-05T02:00:00Z\"}";
    String ts = Long.toString(clock.instant().getEpochSecond());
    Map<?, ?> answer =
        web.post()
            .uri("/callbacks/generic/" + bot)
            .header("X-Duban-Timestamp", ts)
            .header(
                "X-Duban-Signature",
                GenericSignature.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(Map.class)
            .getResponseBody()
            .blockFirst(Duration.ofSeconds(10));
    return ((Number) answer.get("id")).longValue();
  }
}
