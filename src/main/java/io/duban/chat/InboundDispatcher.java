package io.duban.chat;

import io.duban.chat.InboundRepository.Claimed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** At most this many queued messages are handled in one transaction. */
  static final int BATCH = 32;

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
  private final BlockingQueue<Long> waiting;
  private final AtomicInteger workers = new AtomicInteger();
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
    this.waiting = new ArrayBlockingQueue<>(queueCapacity);
  }

  /**
   * Processes the message in the background; the caller does not wait. At most {@link #CONCURRENCY}
   * workers handle messages at once, so handling never starves the callbacks of database
   * connections; each takes up to {@link #BATCH} of the messages waiting at that moment and handles
   * them together. When {@link #QUEUE_CAPACITY} are waiting already, the message is left to the
   * sweep, which is asked to run now.
   */
  void submit(long id) {
    if (!waiting.offer(id)) {
      // the message is stored: the sweep has it
      if (behind.compareAndSet(false, true)) {
        log.warn(
            "Inbound queue full ({} waiting): messages are left to the sweep until it catches up",
            queueCapacity);
        sweepSoon.tryEmitNext(Boolean.TRUE);
      }
      return;
    }
    startWorker();
  }

  /** Starts a worker unless {@link #CONCURRENCY} are running (one of those takes the message). */
  private void startWorker() {
    while (true) {
      int running = workers.get();
      if (running >= CONCURRENCY) {
        return;
      }
      if (workers.compareAndSet(running, running + 1)) {
        work()
            .subscribe(
                null,
                e -> {
                  log.error("An inbound worker stopped", e);
                  workerDone();
                },
                this::workerDone);
        return;
      }
    }
  }

  /**
   * Handles batches of waiting messages until none is left. Messages arriving while a batch is
   * handled wait for the next one, so the busier the service, the larger its batches.
   */
  private Mono<Void> work() {
    return Mono.fromSupplier(
            () -> {
              List<Long> batch = new ArrayList<>(BATCH);
              waiting.drainTo(batch, BATCH);
              return batch;
            })
        .flatMap(
            batch ->
                batch.isEmpty()
                    ? Mono.just(false)
                    : processNow(batch)
                        .onErrorResume(
                            e -> {
                              log.warn(
                                  "Processing inbound messages {} failed: {}", batch, e.toString());
                              return Mono.empty();
                            })
                        .thenReturn(true))
        .repeat()
        .takeWhile(handled -> handled)
        .then();
  }

  private void workerDone() {
    workers.decrementAndGet();
    // a message offered while this worker was finding the queue empty may have seen every worker
    // busy; it must not wait for the next one
    if (!waiting.isEmpty()) {
      startWorker();
    }
  }

  /**
   * Claims the messages and handles them in one transaction, in the order they were stored (see
   * {@link #processNow(long)}). When any of them fails, the whole transaction rolls back and each
   * message is handled again on its own, so one bad message costs the others only a retry.
   */
  Mono<Void> processNow(List<Long> ids) {
    if (ids.size() == 1) {
      return processNow(ids.get(0));
    }
    Instant now = clock.instant();
    Mono<Void> work =
        repository
            .claimAll(ids, now, now.plus(lease))
            .map(Claimed::message)
            .sort(Comparator.comparingLong(InboundMessage::id))
            .collectList()
            .flatMap(this::handleAndMark);
    return tx.transactional(work)
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(
            e -> {
              log.info(
                  "Handling {} inbound messages together failed ({}); handling each alone",
                  ids.size(),
                  e.toString());
              return Flux.fromIterable(ids)
                  .concatMap(
                      id ->
                          processNow(id)
                              .onErrorResume(
                                  error -> {
                                    log.warn(
                                        "Processing inbound message #{} failed: {}",
                                        id,
                                        error.toString());
                                    return Mono.empty();
                                  }))
                  .then();
            });
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
            .flatMap(c -> handleAndMark(List.of(c.message())));
    return tx.transactional(work)
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(e -> claimed.get() == null ? Mono.error(e) : failed(claimed.get(), e));
  }

  /**
   * Claims and processes the due messages, a batch at a time beside the queue's {@link
   * #CONCURRENCY} (together they leave a connection of the pool to the callbacks), batch after
   * batch while batches come back full; emits how many were processed.
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
              .sort(Comparator.comparingLong(c -> c.message().id()))
              .collectList()
              .flatMap(claimed -> processClaimed(claimed).thenReturn((long) claimed.size()));
        });
  }

  /**
   * Handles messages claimed (and leased) earlier in one transaction; when that fails, each alone,
   * so that a failing message counts its attempt and the others are processed.
   */
  private Mono<Void> processClaimed(List<Claimed> claimed) {
    if (claimed.size() <= 1) {
      return Flux.fromIterable(claimed).concatMap(this::process).then();
    }
    return tx.transactional(handleAndMark(claimed.stream().map(Claimed::message).toList()))
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(e -> Flux.fromIterable(claimed).concatMap(this::process).then());
  }

  /** Handles a message claimed (and leased) earlier; its handling commits as one transaction. */
  private Mono<Void> process(Claimed claimed) {
    return tx.transactional(handleAndMark(List.of(claimed.message())))
        .timeout(HANDLER_TIMEOUT)
        .onErrorResume(e -> failed(claimed, e));
  }

  /**
   * Runs the handlers on each message in turn and marks the messages processed, inside the caller's
   * transaction, which the handlers' own transactions join: what they store and the marks commit
   * together or not at all.
   */
  private Mono<Void> handleAndMark(List<InboundMessage> messages) {
    if (messages.isEmpty()) {
      return Mono.empty();
    }
    List<InboundMessageHandler> all = handlers.orderedStream().toList();
    return Flux.fromIterable(messages)
        .concatMap(message -> Flux.fromIterable(all).concatMap(handler -> handler.handle(message)))
        .then(
            Mono.defer(
                () ->
                    repository.markProcessed(
                        messages.stream().map(InboundMessage::id).toList(), clock.instant())));
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
