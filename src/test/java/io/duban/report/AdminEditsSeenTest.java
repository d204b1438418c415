package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import io.duban.chat.generic.GenericSignature;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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
 * The message path keeps units, contacts and chats in memory (unit.Directory), yet an admin edit is
 * seen by the next message: one made through this instance's API, and one written to the database
 * by someone else (another instance), which only PostgreSQL's notification tells this one of.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class AdminEditsSeenTest {

  private static final String CHAT = "cache-room";

  @Autowired WebTestClient web;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;

  @BeforeEach
  void start() {
    clock.set(ConversationFixture.START);
  }

  @AfterEach
  void unregister() throws Exception {
    deleteChatElsewhere();
  }

  @Test
  void aChatRegisteredOrRemovedIsSeenByTheNextMessageHereAndFromAnotherInstance() throws Exception {
    assertThat(verified(report("ae-1"))).as("the chat is not registered yet").isFalse();

    web.post()
        .uri("/api/v1/units/platforms/groups")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("platform", "GENERIC", "bot", "other", "chatId", CHAT, "name", "缓存测试群"))
        .exchange()
        .expectStatus()
        .isCreated();
    assertThat(verified(report("ae-2"))).as("registered through this instance's API").isTrue();

    // another instance (or psql) removes the registration: nothing in this JVM hears of it but
    // the table's notification
    deleteChatElsewhere();
    assertThat(verified(report("ae-3"))).as("removed elsewhere").isFalse();
  }

  private long report(String messageId) {
    long id = post(messageId, "1.2 材料已报送省科技厅，进度90%");
    replies.events().filter(s -> s.source().id() == id).next().block(Duration.ofSeconds(20));
    return id;
  }

  private boolean verified(long messageId) {
    Map<String, Object> report =
        Mono.defer(
                () ->
                    db.sql("select verified from progress_report where inbound_message_id = :id")
                        .bind("id", messageId)
                        .fetch()
                        .one())
            .repeatWhenEmpty(10, tries -> tries.delayElements(Duration.ofMillis(200)))
            .block(Duration.ofSeconds(5));
    return Boolean.TRUE.equals(report.get("verified"));
  }

  private static void deleteChatElsewhere() throws Exception {
    try (Connection c = TestDatabase.connect();
        PreparedStatement s =
            c.prepareStatement("delete from group_chat where bot_id = 'other' and chat_id = ?")) {
      s.setString(1, CHAT);
      s.executeUpdate();
    }
  }

  private long post(String messageId, String text) {
    String body =
        "{\"messageId\":\""
            + messageId
            + "\",\"chatId\":\""
            + CHAT
            + "\",\"chatType\":\"group\",\"senderId\":\"sim-platforms\",\"text\":\""
            + text
            + "\",\"sentAt\":\"2024-06-05T02:00:00Z\"}";
    String ts = Long.toString(clock.instant().getEpochSecond());
    Map<?, ?> answer =
        web.post()
            .uri("/callbacks/generic/other")
            .header("X-Duban-Timestamp", ts)
            .header(
                "X-Duban-Signature",
                GenericSignature.sign(
                    "generic-other-secret-5d2a", ts, body.getBytes(StandardCharsets.UTF_8)))
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
