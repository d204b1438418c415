package io.duban.chat;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Hands each freshly stored message to the {@link InboundProcessor}, off the request path, as one
 * Reactor pipeline: the ids wait in a bounded buffer, are gathered into batches of up to {@link
 * #BATCH} and handled by at most {@link #CONCURRENCY} batches at once, so handling never starves
 * the callbacks of database connections. Messages arriving while the workers are busy wait for the
 * next batches, so the busier the service, the larger its batches. Beyond {@link #QUEUE_CAPACITY}
 * waiting, a message is left in the database to the {@link InboundSweep}, which is asked to run at
 * once; the pipeline goes on taking messages.
 */
@Component
class InboundHandOver implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(InboundHandOver.class);

  /** At most this many batches are handled at once. */
  static final int CONCURRENCY = 8;

  /** At most this many waiting messages are handled in one transaction. */
  static final int BATCH = 32;

  /** Messages stored but not yet handed over; beyond this many the rest wait for the sweep. */
  static final int QUEUE_CAPACITY = 65_536;

  /** How long the first message of a batch waits for others while a worker is free. */
  private static final Duration GATHER = Duration.ofMillis(5);

  /** Where ids enter; a FluxSink takes them from many event-loop threads at once. */
  private FluxSink<Long> waiting;

  private final Disposable pipeline;

  @Autowired
  InboundHandOver(InboundProcessor processor, InboundSweep sweep) {
    this(processor, sweep, QUEUE_CAPACITY);
  }

  InboundHandOver(InboundProcessor processor, InboundSweep sweep, int queueCapacity) {
    // subscribing hands over the sink at once, before this constructor returns
    pipeline =
        Flux.<Long>create(sink -> waiting = sink)
            // the message is stored: the sweep has it
            .onBackpressureBuffer(
                queueCapacity,
                id -> sweep.catchUp(queueCapacity),
                BufferOverflowStrategy.DROP_LATEST)
            .bufferTimeout(BATCH, GATHER, true)
            .flatMap(batch -> handle(processor, batch), CONCURRENCY)
            .subscribe(
                null, e -> log.error("The inbound hand-over stopped; only the sweep is left", e));
  }

  /** Hands the stored message over in the background; the caller does not wait. */
  void submit(long id) {
    waiting.next(id);
  }

  private static Mono<Void> handle(InboundProcessor processor, List<Long> batch) {
    return processor
        .handle(batch)
        .onErrorResume(
            e -> {
              log.warn("Processing inbound messages {} failed: {}", batch, e.toString());
              return Mono.empty();
            });
  }

  @Override
  public void destroy() {
    pipeline.dispose();
  }
}
