package io.duban.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Outbox health as gauges, read from the database every 15 s so every instance reports the
 * cluster's backlog: {@code duban.outbox.backlog} (messages waiting), {@code
 * duban.outbox.oldest.age} (seconds the oldest has waited) and {@code duban.outbox.dead}.
 */
@Component
class OutboxMetrics implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);
  private static final Duration EVERY = Duration.ofSeconds(15);

  private final OutboxRepository repository;
  private final Clock clock;
  private final AtomicLongArray values = new AtomicLongArray(3);
  private volatile Disposable polling;

  OutboxMetrics(OutboxRepository repository, Clock clock, MeterRegistry meters) {
    this.repository = repository;
    this.clock = clock;
    Gauge.builder("duban.outbox.backlog", values, v -> v.get(0))
        .description("outbox messages waiting to be sent")
        .register(meters);
    Gauge.builder("duban.outbox.oldest.age", values, v -> v.get(1))
        .description("seconds the oldest waiting outbox message has waited")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("duban.outbox.dead", values, v -> v.get(2))
        .description("outbox messages given up on (DEAD), to redrive")
        .register(meters);
  }

  @Override
  public void start() {
    polling =
        Flux.interval(Duration.ZERO, EVERY)
            .concatMap(
                tick ->
                    repository
                        .backlog(clock.instant())
                        .doOnNext(
                            read -> {
                              for (int i = 0; i < read.length; i++) {
                                values.set(i, read[i]);
                              }
                            })
                        .onErrorResume(
                            e -> {
                              log.debug("Outbox metrics not refreshed: {}", e.toString());
                              return reactor.core.publisher.Mono.empty();
                            }))
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = polling;
    if (current != null) {
      current.dispose();
    }
    polling = null;
  }

  @Override
  public boolean isRunning() {
    return polling != null;
  }
}
