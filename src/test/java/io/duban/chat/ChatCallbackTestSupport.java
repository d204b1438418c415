package io.duban.chat;

import io.duban.DubanSpringTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Base of the chat callback tests: the whole app on a random port against a fresh database, the
 * test bots of {@code chat-test.properties}, and a recording message handler. All chat tests use
 * exactly this configuration so they share one application context.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ChatCallbackTestSupport.Handlers.class)
public abstract class ChatCallbackTestSupport {

  @Value("${local.server.port}")
  protected int port;

  @Autowired protected DatabaseClient db;
  @Autowired protected MeterRegistry meters;
  @Autowired protected Clock clock;
  @Autowired protected RecordingHandler handler;

  protected WebTestClient client;

  @BeforeEach
  void client() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }

  /** Stored rows for this dedupe key. */
  protected long rows(Platform platform, String botId, String platformMessageId) {
    return db.sql(
            "SELECT count(*) AS n FROM inbound_message WHERE platform = :p AND bot_id = :b"
                + " AND platform_message_id = :m")
        .bind("p", platform.name())
        .bind("b", botId)
        .bind("m", platformMessageId)
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }

  /** The stored row for this dedupe key, as column map. */
  protected Map<String, Object> row(Platform platform, String botId, String platformMessageId) {
    return db.sql(
            "SELECT * FROM inbound_message WHERE platform = :p AND bot_id = :b"
                + " AND platform_message_id = :m")
        .bind("p", platform.name())
        .bind("b", botId)
        .bind("m", platformMessageId)
        .fetch()
        .one()
        .block(Duration.ofSeconds(10));
  }

  protected long totalRows() {
    return db.sql("SELECT count(*) AS n FROM inbound_message")
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }

  protected double rejected(String reason) {
    Counter counter = meters.find("duban.inbound.rejected").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Waits (without sleeping) until the handler was given the message with this id. */
  protected InboundMessage awaitHandled(long id) {
    return handler
        .handled()
        .filter(m -> m.id() == id)
        .next()
        .timeout(Duration.ofSeconds(10))
        .block();
  }

  /** Runs {@code request} {@code times} times concurrently and collects the statuses. */
  protected static <T> java.util.List<T> concurrently(int times, Mono<T> request) {
    return Flux.range(0, times)
        .flatMap(i -> request, times)
        .collectList()
        .block(Duration.ofSeconds(30));
  }

  @TestConfiguration
  static class Handlers {
    @Bean
    RecordingHandler recordingHandler() {
      return new RecordingHandler();
    }
  }
}
