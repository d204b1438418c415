package io.duban.chat;

import io.duban.chat.InboundRepository.Claimed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Hands stored inbound messages to every {@link InboundMessageHandler}, off the request path. A new
 * message is processed right after it is stored; a periodic sweep picks up messages left
 * unprocessed (a crash, a failed handler) once their lease or back-off has passed. Claims are
 * atomic and skip rows locked by another instance, so each attempt runs on one instance.
 */
@Component
class InboundDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);
  static final int MAX_ATTEMPTS = 5;

  /** Handling one message takes milliseconds; a claim lives a little longer than its timeout. */
  static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
  private static final int SWEEP_BATCH = 50;

  private final InboundRepository repository;
  private final ObjectProvider<InboundMessageHandler> handlers;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Duration sweepInterval;
  private final Duration lease;
  static final int CONCURRENCY = 8;

  /**
   * Messages stored but not yet handled, by id. Beyond this many the rest wait in the database for
   * the sweep, which starts at once and goes on while it finds full batches.
   */
  static final int QUEUE_CAPACITY = 65_536;

  private final int queueCapacity;
  private final Sinks.Many<Long> queue;
  private final Sinks.Many<Boolean> sweepSoon = Sinks.many().multicast().directBestEffort();
  private final AtomicBoolean behind = new AtomicBoolean();
  private volatile Disposable sweeping;

  @org.springframework.beans.factory.annotation.Autowired
  InboundDispatcher(
      InboundRepository repository,
      ObjectProvider<InboundMessageHandler> handlers,
      TransactionalOperator tx,
      Clock clock,
      @Value("${duban.chat.inbound.sweep-interval:30s}") Duration sweepInterval,
      @Value("${duban.chat.inbound.lease:60s}") Duration lease) {
    this(repository, handlers, tx, clock, sweepInterval, lease, QUEUE_CAPACITY);
  }

  InboundDispatcher(
      InboundRepository repository,
      ObjectProvider<InboundMessageHandler> handlers,
      TransactionalOperator tx,
      Clock clock,
      Duration sweepInterval,
      Duration lease,
      int queueCapacity) {
    if (lease.compareTo(HANDLER_TIMEOUT) <= 0) {
      throw new IllegalArgumentException("duban.chat.inbound.lease must exceed " + HANDLER_TIMEOUT);
    }
    this.lease = lease;
    this.repository = repository;
    this.handlers = handlers;
    this.tx = tx;
    this.clock = clock;
    this.sweepInterval = sweepInterval;
    this.queueCapacity = queueCapacity;
    this.queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<Long>get(queueCapacity).get());
    handleQueued();
  }

  /**
   * Processes the message in the background; the caller does not wait. At most {@link #CONCURRENCY}
   * messages are handled at once, so handling never starves the callbacks of database connections;
   * when {@link #QUEUE_CAPACITY} are waiting already, the message is left to the sweep, which is
   * asked to run now.
   */
  void submit(long id) {
    while (true) {
      Sinks.EmitResult result = queue.tryEmitNext(id);
      if (result.isSuccess()) {
        return;
      }
      if (result != Sinks.EmitResult.FAIL_NON_SERIALIZED) {
        // FAIL_OVERFLOW (or a queue closed at shutdown): the message is stored, the sweep has it
        if (behind.compareAndSet(false, true)) {
          log.warn(
              "Inbound queue full ({} waiting): messages are left to the sweep until it catches up",
              queueCapacity);
          sweepSoon.tryEmitNext(Boolean.TRUE);
        }
        return;
      }
      // callbacks emit from several event-loop threads at once; the other emitter is done in a
      // moment
      Thread.onSpinWait();
    }
  }

  private void handleQueued() {
    queue
        .asFlux()
        .flatMap(
            id ->
                Mono.defer(() -> processNow(id))
                    .onErrorResume(
                        e -> {
                          log.warn("Processing inbound message #{} failed: {}", id, e.toString());
                          return Mono.empty();
                        }),
            CONCURRENCY)
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(
            done -> {},
            e -> log.error("Inbound queue stopped; only the sweep handles messages now", e));
  }

  /**
   * Claims the message and handles it in one transaction: the claim commits with what the handlers
   * store and the processed mark, so a fresh message costs one commit. While it runs, the claimed
   * row stays locked and other instances' sweeps skip it; a crash rolls the claim back and leaves
   * the message due for the next sweep.
   */
  Mono<Void> processNow(long id) {
    Instant now = clock.instant();
    AtomicReference<Claimed> claimed = new AtomicReference<>();
    Mono<Void> work =
        repository
            .claim(id, now, now.plus(lease))
            .doOnNext(claimed::set)
            .flatMap(c -> handleAndMark(c.message()));
    return tx.transactional(work)
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(e -> claimed.get() == null ? Mono.error(e) : failed(claimed.get(), e));
  }

  /**
   * Claims and processes the due messages, one at a time beside the queue's {@link #CONCURRENCY}
   * (together they leave a connection of the pool to the callbacks), batch after batch while
   * batches come back full; emits how many were processed.
   */
  Mono<Long> sweep() {
    return sweepBatch()
        .expand(n -> n == SWEEP_BATCH ? sweepBatch() : Mono.empty())
        .reduce(0L, Long::sum)
        .doOnSuccess(n -> behind.set(false));
  }

  private Mono<Long> sweepBatch() {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          return repository
              .claimDue(now, now.plus(lease), SWEEP_BATCH)
              .concatMap(claimed -> process(claimed).thenReturn(1))
              .count();
        });
  }

  /** Handles a message claimed (and leased) earlier; its handling commits as one transaction. */
  private Mono<Void> process(Claimed claimed) {
    return tx.transactional(handleAndMark(claimed.message()))
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(e -> failed(claimed, e));
  }

  /**
   * Runs the handlers and marks the message processed, inside the caller's transaction, which the
   * handlers' own transactions join: what they store and the mark commit together or not at all.
   */
  private Mono<Void> handleAndMark(InboundMessage message) {
    List<InboundMessageHandler> all = handlers.orderedStream().toList();
    return Flux.fromIterable(all)
        .concatMap(handler -> handler.handle(message))
        .then(Mono.defer(() -> repository.markProcessed(message.id(), clock.instant())));
  }

  private Mono<Void> failed(Claimed claimed, Throwable error) {
    boolean giveUp = claimed.attempt() >= MAX_ATTEMPTS;
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(claimed.attempt() - 1, 10));
    Instant retryAt =
        clock.instant().plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    log.warn(
        "Handling inbound message #{} failed (attempt {} of {}){}: {}",
        claimed.message().id(),
        claimed.attempt(),
        MAX_ATTEMPTS,
        giveUp ? ", giving up" : ", will retry",
        error.toString());
    return repository.markAttemptFailed(
        claimed.message().id(), claimed.attempt(), error.toString(), retryAt, giveUp);
  }

  @Override
  public void start() {
    // a zero interval turns the periodic sweep off (tests); the sweep after a full queue stays
    Flux<?> ticks =
        sweepInterval.isZero() || sweepInterval.isNegative()
            ? sweepSoon.asFlux()
            : Flux.merge(Flux.interval(sweepInterval, sweepInterval), sweepSoon.asFlux());
    sweeping =
        ticks
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    sweep()
                        .onErrorResume(
                            e -> {
                              log.warn("Inbound sweep failed: {}", e.toString());
                              return Mono.just(0L);
                            }),
                1)
            .subscribe(
                count -> {
                  if (count > 0) {
                    log.info("Inbound sweep processed {} message(s)", count);
                  }
                });
  }

  @Override
  public void stop() {
    Disposable current = sweeping;
    if (current != null) {
      current.dispose();
    }
    sweeping = null;
  }

  @Override
  public boolean isRunning() {
    return sweeping != null;
  }
}
