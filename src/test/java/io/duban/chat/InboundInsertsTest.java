package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Group commit of inbound messages, over the real database. */
class InboundInsertsTest extends ChatCallbackTestSupport {

  @Autowired InboundInserts inserts;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /**
   * These rows never went through the dispatcher; mark them processed so other tests' sweeps over
   * the shared database do not find them due.
   */
  @AfterEach
  void leaveNothingDue() {
    db.sql("UPDATE inbound_message SET status = 'PROCESSED' WHERE platform_message_id LIKE :run")
        .bind("run", run + "-%")
        .then()
        .block(Duration.ofSeconds(10));
  }

  @Test
  void concurrentMessagesAreEachStoredOnceAndRepeatsAreRecognised() {
    List<NewInboundMessage> messages =
        IntStream.range(0, 200)
            .mapToObj(i -> InboundHandOverTest.message(run + "-" + (i % 150), "第" + i + "条", now()))
            .toList();

    List<Optional<InboundMessage>> results =
        Flux.fromIterable(messages)
            .flatMap(m -> inserts.insert(m).subscribeOn(Schedulers.parallel()), 200)
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(results).hasSize(200);
    assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(150);
    List<String> storedKeys =
        results.stream().flatMap(Optional::stream).map(m -> m.platformMessageId()).toList();
    assertThat(storedKeys).doesNotHaveDuplicates();
    for (int i = 0; i < 150; i++) {
      assertThat(rows(Platform.GENERIC, "local", run + "-" + i)).isEqualTo(1);
    }
  }

  @Test
  void aMessageTheDatabaseRefusesFailsAloneNotItsBatch() {
    // a bot id longer than its column (64): this one row makes a multi-row INSERT fail
    NewInboundMessage good = InboundHandOverTest.message(run + "-bad", "坏字", now());
    NewInboundMessage bad =
        new NewInboundMessage(
            good.platform(),
            "b".repeat(65),
            good.platformMessageId(),
            good.chatId(),
            good.chatType(),
            good.senderId(),
            good.senderName(),
            good.messageType(),
            good.text(),
            good.sentAt(),
            null,
            null,
            good.rawPayload());
    List<Mono<String>> calls =
        IntStream.range(0, 30)
            .mapToObj(
                i ->
                    i == 15
                        ? bad
                        : InboundHandOverTest.message(run + "-" + i, "第" + i + "条", now()))
            .map(
                m ->
                    inserts
                        .insert(m)
                        .map(stored -> "stored")
                        .onErrorResume(e -> Mono.just("refused"))
                        .subscribeOn(Schedulers.parallel()))
            .toList();

    List<String> outcomes = Flux.merge(calls).collectList().block(Duration.ofSeconds(30));

    assertThat(outcomes).filteredOn("refused"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("stored"::equals).hasSize(29);
    assertThat(rows(Platform.GENERIC, "local", run + "-bad")).isZero();
    assertThat(rows(Platform.GENERIC, "local", run + "-3")).isEqualTo(1);
  }

  private Instant now() {
    return clock.instant();
  }
}
