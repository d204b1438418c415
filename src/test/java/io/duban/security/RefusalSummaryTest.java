package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.duban.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** A burst of 429s writes a first line and a summary, not a line per refusal. */
class RefusalSummaryTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T02:00:00Z"));
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(CallbackRateLimiter.class);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void aBurstOfRateLimitedCallbacksIsLoggedAsOneLineAndOneSummary() {
    CallbackRateLimiter limiter =
        new CallbackRateLimiter(
            new CallbackRateLimitProperties(true, 1, 1, 100), new SimpleMeterRegistry(), clock);
    for (int i = 0; i < 300; i++) {
      String source = i % 3 == 0 ? "203.0.113.9" : "198.51.100.7";
      MockServerWebExchange exchange =
          MockServerWebExchange.from(
              MockServerHttpRequest.post("/callbacks/generic/local")
                  .remoteAddress(new java.net.InetSocketAddress(source, 40000)));
      limiter.filter(exchange, e -> Mono.empty()).block();
    }
    assertThat(warnings()).as("the first refusal only").hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    limiter.filter(refusedAgain(), e -> Mono.empty()).block();
    limiter.stop();

    List<String> warned = warnings();
    assertThat(warned).hasSize(2);
    assertThat(warned.get(1))
        .contains("297 more times")
        .contains("from 2 sources")
        .contains("198.51.100.7 ×198");
  }

  @Test
  void aQuietPeriodEndsWithoutASummaryAndTheNextRefusalIsLoggedAtOnce() {
    org.slf4j.Logger log = LoggerFactory.getLogger(CallbackRateLimiter.class);
    try (RefusalSummary summary = new RefusalSummary("Test", log, clock, Duration.ofMinutes(1))) {
      summary.refused("a");
      clock.advance(Duration.ofMinutes(2));
      summary.flushIfDue();
      summary.refused("b");
    }
    assertThat(warnings()).hasSize(2).allSatisfy(l -> assertThat(l).contains("refused for source"));
  }

  private MockServerWebExchange refusedAgain() {
    return MockServerWebExchange.from(
        MockServerHttpRequest.post("/callbacks/generic/local")
            .remoteAddress(new java.net.InetSocketAddress("198.51.100.7", 40000)));
  }

  private List<String> warnings() {
    return lines.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
