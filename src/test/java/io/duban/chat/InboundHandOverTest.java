package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Hand-over of stored messages to the handlers: right after storing, by the sweep after a crash,
 * with retries and a final FAILED, and as a no-op without handlers.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboundHandOverTest extends ChatCallbackTestSupport {

  /** No periodic sweep (the tests sweep themselves), the default lease. */
  static final InboundProperties PROPERTIES =
      new InboundProperties(Duration.ZERO, Duration.ofMinutes(1));

  @Autowired InboundRepository repository;
  @Autowired TransactionalOperator tx;
  @Autowired InboundMessageService service;

  static NewInboundMessage message(String id, String text, Instant sentAt) {
    return new NewInboundMessage(
        Platform.GENERIC,
        "local",
        id,
        "chat-d",
        ChatType.GROUP,
        "u1",
        "用户一",
        MessageKind.TEXT,
        text,
        sentAt,
        null,
        null,
        "{\"text\":\"" + text + "\"}");
  }

  /** A processor of its own over the real repository, at a fixed time. */
  InboundProcessor processor(Instant now, boolean withHandler) {
    var factory = new DefaultListableBeanFactory();
    if (withHandler) {
      factory.registerSingleton("handler", handler);
    }
    return processor(now, factory);
  }

  InboundProcessor processor(Instant now, DefaultListableBeanFactory handlers) {
    return new InboundProcessor(
        repository,
        handlers.getBeanProvider(InboundMessageHandler.class),
        tx,
        Clock.fixed(now, ZoneOffset.UTC),
        PROPERTIES);
  }

  /** A sweep of its own with its own processor, at a fixed time. */
  InboundSweep sweep(Instant now, boolean withHandler) {
    return sweep(now, processor(now, withHandler));
  }

  InboundSweep sweep(Instant now, InboundProcessor processor) {
    return new InboundSweep(repository, processor, PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
  }

  Mono<Map<String, Object>> stateOf(long id) {
    return db.sql(
            "SELECT status, attempts, next_attempt_at, last_error FROM inbound_message"
                + " WHERE id = :id")
        .bind("id", id)
        .fetch()
        .one();
  }

  Map<String, Object> state(long id) {
    return stateOf(id).block();
  }

  /** Stores a row the way a crash right after the insert would leave it: never handed over. */
  long storedButNeverProcessed(String id, String text) {
    return repository.insert(message(id, text, clock.instant()), clock.instant()).block().id();
  }

  @Test
  void handsAStoredMessageToTheHandlersAndMarksItProcessed() {
    var stored = service.store(message("d-1", "1.3 已完成", clock.instant())).block();

    InboundMessage handled = awaitHandled(stored.message().id());

    assertThat(handled.text()).isEqualTo("1.3 已完成");
    StepVerifier.create(
            stateOf(stored.message().id())
                .filter(s -> "PROCESSED".equals(s.get("status")))
                .repeatWhenEmpty(100, ticks -> ticks.delayElements(Duration.ofMillis(50))))
        .expectNextMatches(s -> ((Integer) s.get("attempts")) == 1)
        .verifyComplete();
  }

  @Test
  void sweepPicksUpMessagesLeftUnprocessedAndClaimsEachOnce() {
    long id = storedButNeverProcessed("d-crash", "2 进度40%");
    Instant later = clock.instant().plusSeconds(1);
    InboundSweep first = sweep(later, true);
    InboundSweep second = sweep(later, true);

    long processed =
        reactor.core.publisher.Flux.merge(first.sweep(), second.sweep())
            .reduce(0L, Long::sum)
            .block();

    assertThat(processed).isGreaterThanOrEqualTo(1);
    assertThat(handler.timesHandled(id)).isEqualTo(1);
    assertThat(state(id)).containsEntry("status", "PROCESSED").containsEntry("attempts", 1);
  }

  @Test
  void retriesAFailingHandlerWithBackOffThenGivesUp() {
    long id = storedButNeverProcessed("d-boom", "boom 8 已完成");
    Instant now = clock.instant().plusSeconds(1);

    for (int attempt = 1; attempt <= InboundProcessor.MAX_ATTEMPTS; attempt++) {
      processor(now, true).handle(id).block();
      Map<String, Object> state = state(id);
      assertThat(state.get("attempts")).isEqualTo(attempt);
      assertThat((String) state.get("last_error")).contains("handler failed on purpose");
      if (attempt < InboundProcessor.MAX_ATTEMPTS) {
        assertThat(state.get("status")).isEqualTo("RECEIVED");
        Instant retryAt = ((java.time.OffsetDateTime) state.get("next_attempt_at")).toInstant();
        assertThat(retryAt).isAfter(now);
        // not due before its back-off has passed
        processor(now, true).handle(id).block();
        assertThat(state(id).get("attempts")).isEqualTo(attempt);
        now = retryAt;
      }
    }

    assertThat(state(id).get("status")).isEqualTo("FAILED");
    assertThat(sweep(now.plus(Duration.ofDays(1)), true).sweep().block()).isZero();
  }

  /**
   * Messages handled together commit together; when one of them fails, the others are handled again
   * on their own and processed, and only the failing one counts a failed attempt.
   */
  @Test
  void aFailingMessageInABatchCostsTheOthersOnlyARetry() {
    long first = storedButNeverProcessed("d-batch-1", "1.2 材料已报送");
    long failing = storedButNeverProcessed("d-batch-boom", "boom 3 已完成");
    long last = storedButNeverProcessed("d-batch-3", "4.1 进度50%");
    InboundProcessor processor = processor(clock.instant().plusSeconds(1), true);

    processor.handle(java.util.List.of(first, failing, last)).block();

    assertThat(state(first)).containsEntry("status", "PROCESSED").containsEntry("attempts", 1);
    assertThat(state(last)).containsEntry("status", "PROCESSED").containsEntry("attempts", 1);
    assertThat(state(failing)).containsEntry("status", "RECEIVED").containsEntry("attempts", 1);
    assertThat((String) state(failing).get("last_error")).contains("handler failed on purpose");
    // the tests share a database: other tests' sweeps must not find it due later
    db.sql("UPDATE inbound_message SET status = 'FAILED' WHERE id = :id")
        .bind("id", failing)
        .then()
        .block();

    long a = storedButNeverProcessed("d-batch-4", "2.1 已完成");
    long b = storedButNeverProcessed("d-batch-5", "2.2 进度30%");
    processor.handle(java.util.List.of(b, a)).block();
    assertThat(state(a)).containsEntry("status", "PROCESSED").containsEntry("attempts", 1);
    assertThat(state(b)).containsEntry("status", "PROCESSED").containsEntry("attempts", 1);
    // handled once, in the order they were stored
    assertThat(handler.timesHandled(a)).isEqualTo(1);
    assertThat(handler.timesHandled(b)).isEqualTo(1);
    assertThat(handler.order(a)).isLessThan(handler.order(b));
  }

  @Test
  void marksMessagesProcessedWhenNoHandlerExists() {
    long id = storedButNeverProcessed("d-nohandler", "4.2 已完成");

    processor(clock.instant().plusSeconds(1), false).handle(id).block();

    assertThat(state(id)).containsEntry("status", "PROCESSED");
    assertThat(handler.timesHandled(id)).isZero();
  }

  /**
   * More messages than the queue holds arrive while the handlers are busy: those beyond it wait in
   * the database and are swept at once, and the queue goes on taking new messages afterwards.
   */
  @Test
  void messagesBeyondAFullQueueAreSweptAndTheQueueKeepsWorking(CapturedOutput output) {
    Sinks.Empty<Void> gate = Sinks.empty();
    java.util.concurrent.ConcurrentHashMap<Long, Integer> times =
        new java.util.concurrent.ConcurrentHashMap<>();
    InboundMessageHandler busy =
        m -> {
          times.merge(m.id(), 1, Integer::sum);
          return gate.asMono();
        };
    // beyond what the handlers hold (a message each: each found a worker free) and the queue:
    // some must overflow
    int count = 2 * InboundHandOver.CONCURRENCY * InboundHandOver.BATCH + 4 + 40;
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(storedButNeverProcessed("d-full-" + i, "1.2 第" + i + "批材料已报送"));
    }
    var factory = new DefaultListableBeanFactory();
    factory.registerSingleton("busy", busy);
    // all of them, and the one stored later, are due for the processor's and sweep's (fixed) clock
    Instant now = clock.instant().plusSeconds(30);
    InboundProcessor processor = processor(now, factory);
    InboundSweep sweep = sweep(now, processor);
    InboundHandOver handOver = new InboundHandOver(processor, sweep, 4);
    sweep.start();
    try {
      // the handlers hold their connections until the gate opens
      ids.forEach(handOver::submit);
      gate.tryEmitEmpty();
      assertThat(output).contains("Inbound queue full (4 waiting)");

      for (long id : ids) {
        awaitStatus(id, "PROCESSED");
      }
      assertThat(times.values()).allMatch(n -> n == 1);

      long after = storedButNeverProcessed("d-full-after", "1.2 又一批材料已报送");
      handOver.submit(after);
      awaitStatus(after, "PROCESSED");
      assertThat(times).containsEntry(after, 1);
    } finally {
      sweep.stop();
      handOver.destroy();
    }
  }

  /**
   * A message that finds a worker free is handled at once and alone; those that arrive while every
   * worker is busy wait, and the first worker to free takes them together into one batch.
   */
  @Test
  void aFreeWorkerTakesAMessageAtOnceAndABusyServiceBatches() {
    Sinks.Empty<Void> gate = Sinks.empty();
    var factory = new DefaultListableBeanFactory();
    factory.registerSingleton("busy", (InboundMessageHandler) m -> gate.asMono());
    Instant now = clock.instant().plusSeconds(30);
    java.util.List<java.util.List<Long>> batches =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    InboundProcessor real = processor(now, factory);
    InboundProcessor recording =
        new InboundProcessor(
            repository,
            factory.getBeanProvider(InboundMessageHandler.class),
            tx,
            Clock.fixed(now, ZoneOffset.UTC),
            PROPERTIES) {
          @Override
          Mono<Void> handle(java.util.List<Long> ids) {
            batches.add(java.util.List.copyOf(ids));
            return real.handle(ids);
          }
        };
    InboundHandOver handOver = new InboundHandOver(recording, sweep(now, recording));
    java.util.List<Long> first = new java.util.ArrayList<>();
    java.util.List<Long> waiting = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < InboundHandOver.CONCURRENCY; i++) {
        long id = storedButNeverProcessed("d-free-" + i, "1.2 第" + i + "批材料已报送");
        first.add(id);
        handOver.submit(id);
      }
      // every worker took its message the moment it was submitted, alone
      assertThat(batches).hasSize(InboundHandOver.CONCURRENCY).allMatch(b -> b.size() == 1);
      for (int i = 0; i < 5; i++) {
        long id = storedButNeverProcessed("d-wait-" + i, "1.3 第" + i + "批材料已报送");
        waiting.add(id);
        handOver.submit(id);
      }
      assertThat(batches).hasSize(InboundHandOver.CONCURRENCY);

      gate.tryEmitEmpty();
      for (long id : first) {
        awaitStatus(id, "PROCESSED");
      }
      for (long id : waiting) {
        awaitStatus(id, "PROCESSED");
      }
      // the first worker to free took all five waiting together
      assertThat(batches).hasSize(InboundHandOver.CONCURRENCY + 1);
      assertThat(batches.get(InboundHandOver.CONCURRENCY)).containsExactlyElementsOf(waiting);
    } finally {
      handOver.destroy();
    }
  }

  private void awaitStatus(long id, String status) {
    StepVerifier.create(
            stateOf(id)
                .filter(s -> status.equals(s.get("status")))
                .repeatWhenEmpty(200, ticks -> ticks.delayElements(Duration.ofMillis(50))))
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void findsStoredMessagesAndListsTheLatestOfAChat() {
    var stored =
        service.store(message("d-find", "5 进度80%", Instant.parse("2030-01-01T00:00:00Z"))).block();

    StepVerifier.create(service.find(stored.message().id()))
        .expectNextMatches(m -> m.text().equals("5 进度80%") && m.chatType() == ChatType.GROUP)
        .verifyComplete();
    StepVerifier.create(service.find(-1)).verifyComplete();
    StepVerifier.create(service.recent(Platform.GENERIC, "chat-d", 1))
        .expectNextMatches(m -> m.platformMessageId().equals("d-find"))
        .verifyComplete();
  }
}
