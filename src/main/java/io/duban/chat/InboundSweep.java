package io.duban.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Hands over again what the hand-over left behind: messages left unprocessed by a crash or a failed
 * handler once their lease or back-off has passed, every {@code sweep-interval}, and the messages a
 * full queue left in the database, at once when asked. Claims skip rows another instance holds, so
 * each attempt runs on one instance.
 */
@Component
class InboundSweep implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboundSweep.class);
  static final int BATCH = 50;

  private final InboundRepository repository;
  private final InboundProcessor processor;
  private final InboundProperties properties;
  private final Clock clock;
  private final Sinks.Many<Boolean> soon = Sinks.many().multicast().directBestEffort();
  private final AtomicBoolean behind = new AtomicBoolean();
  private volatile Disposable sweeping;

  InboundSweep(
      InboundRepository repository,
      InboundProcessor processor,
      InboundProperties properties,
      Clock clock) {
    this.repository = repository;
    this.processor = processor;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The hand-over left a stored message to the sweep (its queue was full): sweeps at once, and says
   * so once until the sweep has caught up.
   */
  void catchUp(int queueCapacity) {
    if (!behind.getAndSet(true)) {
      log.warn(
          "Inbound queue full ({} waiting): messages are left to the sweep until it catches up",
          queueCapacity);
      soon.tryEmitNext(Boolean.TRUE);
    }
  }

  /**
   * Claims and processes the due messages, a batch at a time beside the hand-over's workers
   * (together they leave a connection of the pool to the callbacks), batch after batch while
   * batches come back full; emits how many were processed.
   */
  Mono<Long> sweep() {
    return batch()
        .expand(n -> n == BATCH ? batch() : Mono.empty())
        .reduce(0L, Long::sum)
        .doOnSuccess(n -> behind.set(false));
  }

  private Mono<Long> batch() {
    return Mono.defer(
        () -> {
          Instant now = clock.instant();
          return repository
              .claimDue(now, processor.leaseUntil(now), BATCH)
              .sort(Comparator.comparingLong(c -> c.message().id()))
              .collectList()
              .flatMap(
                  claimed -> processor.handleClaimed(claimed).thenReturn((long) claimed.size()));
        });
  }

  @Override
  public void start() {
    Flux<?> ticks =
        properties.sweepsPeriodically()
            ? Flux.merge(
                Flux.interval(properties.sweepInterval(), properties.sweepInterval()),
                soon.asFlux())
            : soon.asFlux();
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
