package io.duban.delivery;

import io.duban.chat.PlatformSender;
import io.duban.chat.RateLimit;
import io.duban.chat.SendFailure;
import io.duban.system.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due outbox messages: claims them ({@code FOR UPDATE SKIP LOCKED}, so instances share the
 * work), takes a rate-limit permit for the destination, sends, and records the outcome. Retryable
 * failures come back after an exponential backoff with jitter; after the last attempt, or on a
 * permanent failure, a message is DEAD.
 */
@Component
class OutboxDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxRepository repository;
  private final RateLimiter rateLimiter;
  private final PlatformSenders senders;
  private final DeliveryProperties properties;
  private final Backoff backoff;
  private final Clock clock;
  private final MeterRegistry meters;
  private volatile Disposable polling;

  OutboxDispatcher(
      OutboxRepository repository,
      RateLimiter rateLimiter,
      PlatformSenders senders,
      DeliveryProperties properties,
      Backoff backoff,
      Clock clock,
      MeterRegistry meters) {
    this.meters = meters;
    this.repository = repository;
    this.rateLimiter = rateLimiter;
    this.senders = senders;
    this.properties = properties;
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * Sends what is due now, one batch; emits how many messages were sent or failed (those postponed
   * by a rate limit are not counted, so a backlog waiting for its limit does not keep the rounds
   * spinning). Messages of one rate bucket (one robot or app) go one after another in queue order,
   * so the parts of a long text arrive in order; up to {@code send-concurrency} buckets at once.
   * Once a bucket's limit is reached, the rest of its messages in the batch are postponed without
   * asking the limiter again.
   */
  Mono<Long> dispatchDue() {
    Instant now = clock.instant();
    return rateLimiter
        .prune(now)
        .thenMany(repository.claim(now, now.minus(properties.stuckAfter()), properties.batchSize()))
        .collect(
            Collectors.groupingBy(OutboxMessage::rateKey, LinkedHashMap::new, Collectors.toList()))
        .flatMapMany(
            buckets ->
                Flux.fromIterable(buckets.values())
                    .flatMap(this::dispatchBucket, properties.sendConcurrency()))
        .filter(attempted -> attempted)
        .count();
  }

  /**
   * One bucket's messages in order; emits, per message, whether a send was attempted. Once the
   * bucket is full, the message that found it full and the rest are put off, each to when a permit
   * should be free for it.
   */
  private Flux<Boolean> dispatchBucket(List<OutboxMessage> queue) {
    AtomicBoolean limited = new AtomicBoolean();
    return Flux.range(0, queue.size())
        .concatMap(
            i -> {
              if (limited.get()) {
                return Mono.<Boolean>empty();
              }
              OutboxMessage m = queue.get(i);
              RateLimit limit = senders.rateLimit(m.destination().platform());
              return rateLimiter
                  .acquire(m.rateKey(), limit, clock.instant())
                  .flatMap(
                      wait -> {
                        if (wait.isEmpty()) {
                          return send(m).thenReturn(true);
                        }
                        limited.set(true);
                        return postpone(queue.subList(i, queue.size()), limit).thenReturn(false);
                      });
            });
  }

  private Mono<Void> postpone(List<OutboxMessage> waiting, RateLimit limit) {
    String rateKey = waiting.get(0).rateKey();
    return rateLimiter
        .freeing(rateKey, limit, clock.instant(), waiting.size())
        .flatMapMany(
            times ->
                Flux.range(0, waiting.size())
                    .concatMap(k -> repository.postpone(waiting.get(k).id(), times.get(k))))
        .then();
  }

  /**
   * Rounds until the queue is drained: a round that claimed a full batch is followed at once by the
   * next instead of waiting for the next poll.
   */
  private Mono<Long> drain() {
    return round()
        .expand(handled -> handled >= properties.batchSize() ? round() : Mono.empty())
        .reduce(0L, Long::sum);
  }

  private Mono<Long> round() {
    return dispatchDue()
        .onErrorResume(
            e -> {
              log.warn("Outbox dispatch round failed: {}", e.toString());
              return Mono.just(0L);
            });
  }

  private Mono<Void> send(OutboxMessage m) {
    PlatformSender sender = senders.get(m.destination().platform());
    int attempt = m.attempts() + 1;
    if (sender == null) {
      return repository.markDead(m.id(), attempt, "no sender for " + m.destination().platform());
    }
    return sender
        .send(m.destination(), m.message())
        .timeout(properties.sendTimeout().multipliedBy(3))
        .then(Mono.defer(() -> repository.markSent(m.id(), attempt, clock.instant())))
        .doOnSuccess(done -> count(m, "sent"))
        .onErrorResume(e -> failed(m, attempt, e));
  }

  private void count(OutboxMessage m, String result) {
    meters
        .counter(
            "duban.outbox.sends", "platform", m.destination().platform().key(), "result", result)
        .increment();
  }

  private Mono<Void> failed(OutboxMessage m, int attempt, Throwable e) {
    boolean retryable = !(e instanceof SendFailure f) || f.retryable();
    String error = e instanceof SendFailure ? e.getMessage() : e.getClass().getSimpleName();
    if (!retryable || attempt >= properties.maxAttempts()) {
      log.warn(
          "Outbox message {} to {} is DEAD after {} attempt(s): {}",
          m.id(),
          m.destination().describe(),
          attempt,
          error);
      count(m, "dead");
      return repository.markDead(m.id(), attempt, error);
    }
    count(m, "retry");
    Instant next = clock.instant().plus(backoff.after(attempt));
    log.info(
        "Outbox message {} to {} failed (attempt {}), retrying at {}: {}",
        m.id(),
        m.destination().describe(),
        attempt,
        next,
        error);
    return repository.retryLater(m.id(), attempt, next, error);
  }

  @Override
  public void start() {
    if (!properties.dispatcherEnabled()) {
      log.info("Outbox dispatcher disabled");
      return;
    }
    polling =
        Flux.interval(properties.pollInterval())
            .onBackpressureDrop()
            .concatMap(tick -> drain(), 1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable p = polling;
    if (p != null) {
      p.dispose();
    }
    polling = null;
  }

  @Override
  public boolean isRunning() {
    return polling != null && !polling.isDisposed();
  }
}
