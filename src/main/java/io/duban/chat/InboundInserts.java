package io.duban.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit for inbound messages: callbacks that arrive together are stored by one multi-row
 * INSERT, with at most {@link #WRITERS} statements running at once. Under a burst this keeps the
 * callbacks to {@link #WRITERS} database connections, leaving the rest of the pool to the handlers
 * that understand the messages, and it turns many commits into a few. With one callback at a time
 * each is written at once, alone. Each caller hears about its own message only once the statement
 * that stored it has committed.
 */
@Component
class InboundInserts {

  static final int WRITERS = 2;
  static final int MAX_BATCH = 64;

  private final InboundRepository repository;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger writers = new AtomicInteger();

  InboundInserts(InboundRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Stores the message; emits the stored row, or an empty Optional when its key existed. */
  Mono<Optional<InboundMessage>> insert(NewInboundMessage message) {
    return Mono.defer(
        () -> {
          Pending pending = new Pending(message, Sinks.one());
          queue.add(pending);
          drain();
          return pending.result().asMono();
        });
  }

  /** Starts writers while there is work and fewer than {@link #WRITERS} are running. */
  private void drain() {
    while (!queue.isEmpty()) {
      int running = writers.get();
      if (running >= WRITERS) {
        return; // a running writer drains again when it finishes
      }
      if (!writers.compareAndSet(running, running + 1)) {
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      for (Pending p = queue.poll();
          p != null;
          p = batch.size() < MAX_BATCH ? queue.poll() : null) {
        batch.add(p);
      }
      if (batch.isEmpty()) {
        writers.decrementAndGet();
        continue;
      }
      write(batch)
          .doFinally(
              signal -> {
                writers.decrementAndGet();
                drain();
              })
          .subscribe();
    }
  }

  /**
   * Writes a batch; when the statement fails (one bad row fails all), writes each message alone so
   * only the bad one is refused.
   */
  private Mono<Void> write(List<Pending> batch) {
    return repository
        .insertAll(batch.stream().map(Pending::message).toList(), clock.instant())
        .collectList()
        .doOnNext(rows -> complete(batch, rows))
        .then()
        .onErrorResume(
            error ->
                batch.size() == 1
                    ? Mono.fromRunnable(() -> batch.get(0).result().tryEmitError(error))
                    : Flux.fromIterable(batch).concatMap(p -> write(List.of(p))).then());
  }

  /** Hands each caller its row; a key repeated within the batch goes to its first message. */
  private static void complete(List<Pending> batch, List<InboundMessage> rows) {
    Map<Key, InboundMessage> stored = new HashMap<>();
    rows.forEach(
        row -> stored.put(new Key(row.platform(), row.botId(), row.platformMessageId()), row));
    for (Pending p : batch) {
      NewInboundMessage m = p.message();
      InboundMessage row = stored.remove(new Key(m.platform(), m.botId(), m.platformMessageId()));
      p.result().tryEmitValue(Optional.ofNullable(row));
    }
  }

  private record Pending(NewInboundMessage message, Sinks.One<Optional<InboundMessage>> result) {}

  private record Key(Platform platform, String botId, String messageId) {}
}
