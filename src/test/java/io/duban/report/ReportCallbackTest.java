package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.CallbackCipher;
import io.duban.chat.MessageKind;
import io.duban.chat.generic.GenericSignature;
import io.duban.chat.wecom.SmartBotCallback;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** A report sent by a chat platform: signed callback, stored message, stored report, reply. */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class ReportCallbackTest {

  private static final String SECRET = "generic-secret-3e8f17";

  @Autowired WebTestClient web;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private double count(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The understanding and the stored report are counted once each, after their commit. */
  @Test
  void aHandledReportIsCountedOnceInTheMetrics() {
    clock.set(ConversationFixture.START);
    double understood = count("duban.understanding", "intent", "REPORT", "item", "matched");
    double stored = count("duban.reports.stored", "status", "IN_PROGRESS", "verified", "true");

    long messageId = post("cb-report-metrics", "@督办助手 1.2 申报材料已报送省科技厅，进度60%");
    replies.events().filter(s -> s.source().id() == messageId).next().block(Duration.ofSeconds(20));
    Mono.defer(
            () ->
                Mono.justOrEmpty(
                    count("duban.reports.stored", "status", "IN_PROGRESS", "verified", "true")
                            > stored
                        ? Boolean.TRUE
                        : null))
        .repeatWhenEmpty(25, tries -> tries.delayElements(Duration.ofMillis(200)))
        .block(Duration.ofSeconds(10));

    assertThat(count("duban.understanding", "intent", "REPORT", "item", "matched"))
        .isEqualTo(understood + 1);
    assertThat(count("duban.reports.stored", "status", "IN_PROGRESS", "verified", "true"))
        .isEqualTo(stored + 1);
  }

  /**
   * The report stored for the inbound message: its reply is handed over inside the transaction that
   * stores it, so this waits for that commit.
   */
  private java.util.Map<String, Object> reportOf(long inboundMessageId) {
    return Mono.defer(
            () ->
                db.sql(
                        "select item_code, unit_code, percent, verified, period"
                            + " from progress_report where inbound_message_id = :id")
                    .bind("id", inboundMessageId)
                    .fetch()
                    .one())
        .repeatWhenEmpty(10, tries -> tries.delayElements(Duration.ofMillis(200)))
        .block(Duration.ofSeconds(5));
  }

  private long post(String messageId, String text) {
    String body =
        "{\"messageId\":\""
            + messageId
            + "\",\"chatId\":\"sim-platforms\",\"senderId\":\"sim-platforms\","
            + "\"senderName\":\"平台科联络员\",\"text\":\""
            + text
            + "\",\"sentAt\":\"2024-06-05T02:00:00Z\"}";
    String ts = Long.toString(clock.instant().getEpochSecond());
    Number id =
        web.post()
                    .uri("/callbacks/generic/local")
                    .header("X-Duban-Timestamp", ts)
                    .header(
                        "X-Duban-Signature",
                        GenericSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(java.util.Map.class)
                    .getResponseBody()
                    .blockFirst(Duration.ofSeconds(10))
                    .get("id")
                instanceof Number n
            ? n
            : -1;
    return id.longValue();
  }

  @Test
  void aSignedCallbackBecomesAStoredReportAndOneReply() {
    clock.set(ConversationFixture.START);
    long messageId = post("cb-report-1", "@督办助手 1.2 长春理工大学中山研究院申报省新型研发机构材料已提交，进度50%");

    ConversationFixture.RecordingReplySender.Sent reply =
        replies
            .events()
            .filter(s -> s.source().id() == messageId)
            .next()
            .block(Duration.ofSeconds(20));
    assertThat(reply.text()).startsWith("已记录：1.2 加快推动重大科技创新平台建设，推进中，进度50%");
    assertThat(reply.source().chatId()).isEqualTo("sim-platforms");

    assertThat(reportOf(messageId))
        .containsEntry("item_code", "1.2")
        .containsEntry("unit_code", "platforms")
        .containsEntry("percent", 50)
        .containsEntry("verified", true)
        .containsEntry("period", "2024-W23");
  }

  /**
   * A WeCom smart bot {@code mixed} message (text with a picture), encrypted and signed as WeCom
   * does, is stored, understood as a report and answered like a plain text one.
   */
  @Test
  void aWeComSmartBotMixedMessageWithTextIsUnderstoodAndAnswered() {
    clock.set(ConversationFixture.START);
    CallbackCipher smart =
        new CallbackCipher("smartToken77", "SmartBotAesKey456789abcdefghijklmnopqrstuvw", "");
    String plain =
        "{\"msgid\":\"cb-mixed-1\",\"aibotid\":\"aib\",\"chatid\":\"wrkSmartPlatforms\","
            + "\"chattype\":\"group\",\"from\":{\"userid\":\"zhang.wei\"},"
            + "\"msgtype\":\"mixed\",\"mixed\":{\"msg_item\":["
            + "{\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 1.2 申报材料已报送省科技厅，进度70%\"}},"
            + "{\"msgtype\":\"image\",\"image\":{\"url\":\"https://example.invalid/p.jpg\"}}]}}";
    SmartBotCallback.post(
            web, "wecom-smart", smart, plain, clock.instant().getEpochSecond(), "n-mixed")
        .expectStatus()
        .isOk();

    ConversationFixture.RecordingReplySender.Sent reply =
        replies
            .events()
            .filter(s -> "cb-mixed-1".equals(s.source().platformMessageId()))
            .next()
            .block(Duration.ofSeconds(20));
    assertThat(reply.source().messageType()).isEqualTo(MessageKind.MIXED);
    assertThat(reply.source().chatId()).isEqualTo("wrkSmartPlatforms");
    assertThat(reply.text()).startsWith("已记录：1.2 加快推动重大科技创新平台建设，推进中，进度70%");

    assertThat(reportOf(reply.source().id()))
        .containsEntry("item_code", "1.2")
        .containsEntry("unit_code", "platforms")
        .containsEntry("percent", 70);
  }
}
