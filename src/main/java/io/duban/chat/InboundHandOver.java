package io.duban.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Hands each freshly stored message to the {@link InboundProcessor}, off the request path: at most
 * {@link #CONCURRENCY} batches are handled at once, so handling never starves the callbacks of
 * database connections. A message that finds a worker free is handled at once, on its own; messages
 * arriving while every worker is busy wait in a queue, and the next worker to free takes up to
 * {@link #BATCH} of them into one transaction, so the busier the service, the larger its batches,
 * and no message ever waits for others to gather. Beyond {@link #QUEUE_CAPACITY} waiting, a message
 * is left in the database to the {@link InboundSweep}, which is asked to run at once; the queue
 * goes on taking messages.
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

  private final InboundProcessor processor;
  private final InboundSweep sweep;
  private final int capacity;

  /** Ids waiting for a free worker; offered from many event-loop threads at once. */
  private final Queue<Long> waiting = new ConcurrentLinkedQueue<>();

  /** How many ids {@link #waiting} holds (its own size() walks the queue). */
  private final AtomicInteger queued = new AtomicInteger();

  /** Workers handling a batch now. */
  private final AtomicInteger busy = new AtomicInteger();

  /** The batches in flight, cancelled when the service stops. */
  private final Disposable.Composite running = Disposables.composite();

  @Autowired
  InboundHandOver(InboundProcessor processor, InboundSweep sweep) {
    this(processor, sweep, QUEUE_CAPACITY);
  }

  InboundHandOver(InboundProcessor processor, InboundSweep sweep, int queueCapacity) {
    this.processor = processor;
    this.sweep = sweep;
    this.capacity = queueCapacity;
  }

  /** Hands the stored message over in the background; the caller does not wait. */
  void submit(long id) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      // the message is stored: the sweep has it
      sweep.catchUp(capacity);
      return;
    }
    waiting.offer(id);
    drain();
  }

  /**
   * Starts a batch on every free worker while ids wait. A worker that finishes frees itself before
   * it drains, and a submitter drains after it offers: an id never waits while a worker is free.
   */
  private void drain() {
    while (!running.isDisposed() && !waiting.isEmpty()) {
      int now = busy.get();
      if (now >= CONCURRENCY) {
        return;
      }
      if (!busy.compareAndSet(now, now + 1)) {
        continue;
      }
      List<Long> batch = new ArrayList<>();
      for (Long id; batch.size() < BATCH && (id = waiting.poll()) != null; ) {
        batch.add(id);
      }
      queued.addAndGet(-batch.size());
      if (batch.isEmpty()) {
        // another worker took them
        busy.decrementAndGet();
        continue;
      }
      start(batch);
    }
  }

  private void start(List<Long> batch) {
    Disposable.Swap self = Disposables.swap();
    running.add(self);
    self.update(
        handle(processor, batch)
            .doFinally(
                signal -> {
                  running.remove(self);
                  busy.decrementAndGet();
                  drain();
                })
            .subscribe());
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
    running.dispose();
  }
}
