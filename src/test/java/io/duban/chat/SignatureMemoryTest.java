package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The shared once-only memory of callback signatures, on the real database. */
class SignatureMemoryTest extends ChatCallbackTestSupport {

  @Autowired SignatureMemory memory;

  @Test
  void acceptsOneBodyPerSignatureEvenWhenManyArriveAtOnce() {
    String signature = "ts\n" + UUID.randomUUID();
    Instant now = clock.instant();

    List<String> outcomes =
        Flux.range(0, 8)
            .flatMap(
                i ->
                    memory
                        .once(
                            Platform.DINGTALK,
                            "dingtalk-bot",
                            signature,
                            ("body " + i).getBytes(StandardCharsets.UTF_8),
                            now,
                            Duration.ofMinutes(5))
                        .thenReturn("accepted")
                        .onErrorResume(CallbackRejected.class, e -> Mono.just(e.reason().name())),
                8)
            .collectList()
            .block(Duration.ofSeconds(20));

    assertThat(outcomes).containsOnlyOnce("accepted").contains("REPLAYED").hasSize(8);
  }

  @Test
  void remembersASignatureWithItsBodyUntilItsWindowEnds() {
    String signature = "ts\n" + UUID.randomUUID();
    Instant now = clock.instant();
    byte[] body = "first".getBytes(StandardCharsets.UTF_8);
    memory
        .once(Platform.DINGTALK, "dingtalk-bot", signature, body, now, Duration.ofMinutes(5))
        .block();

    memory
        .once(Platform.DINGTALK, "dingtalk-bot", signature, body, now, Duration.ofMinutes(5))
        .block();
    assertThatThrownBy(
            () ->
                memory
                    .once(
                        Platform.DINGTALK,
                        "dingtalk-bot",
                        signature,
                        "second".getBytes(StandardCharsets.UTF_8),
                        now,
                        Duration.ofMinutes(5))
                    .block())
        .isInstanceOf(CallbackRejected.class)
        .hasMessageContaining("another body");
    // the same pair through another bot is another bot's business
    memory
        .once(Platform.DINGTALK, "other-bot", signature, body, now, Duration.ofMinutes(5))
        .block();
  }

  @Test
  void forgetsSignaturesWhoseWindowEnded() {
    Instant now = clock.instant();
    String bot = "mem-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] body = "b".getBytes(StandardCharsets.UTF_8);
    memory.once(Platform.DINGTALK, bot, "one", body, now, Duration.ofMinutes(5)).block();
    memory.once(Platform.DINGTALK, bot, "two", body, now, Duration.ofMinutes(5)).block();

    memory.forgetExpired(now.plus(Duration.ofMinutes(1))).block();
    assertThat(remembered(bot)).as("still within the window").isEqualTo(2);
    memory.forgetExpired(now.plus(Duration.ofMinutes(6))).block();
    assertThat(remembered(bot)).as("after the window").isZero();
  }

  @Test
  void remembersASignatureAtMostAnHourWhenTheTimestampIsNotChecked() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(SignatureMemory.expiry(now, Instant.EPOCH, Duration.ZERO))
        .isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(SignatureMemory.expiry(now, now.minusSeconds(60), Duration.ofMinutes(5)))
        .isEqualTo(now.plus(Duration.ofMinutes(5)));
  }

  private long remembered(String bot) {
    return db.sql("SELECT count(*) AS n FROM callback_signature WHERE bot_id = :bot")
        .bind("bot", bot)
        .map(row -> row.get("n", Long.class))
        .one()
        .block(Duration.ofSeconds(10));
  }
}
