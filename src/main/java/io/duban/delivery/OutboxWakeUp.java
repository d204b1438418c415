package io.duban.delivery;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Wakes this instance's {@link OutboxDispatcher} when a message is queued here, as soon as the
 * transaction that queued it has committed (at once outside a transaction), so a reply does not
 * wait for the next poll. Other instances hear of it through PostgreSQL ({@link OutboxListener}).
 */
@Component
class OutboxWakeUp {

  private final Sinks.Many<Boolean> signals = Sinks.many().multicast().directBestEffort();

  /** Signals that something may be due now. */
  void wake() {
    // several threads may queue at once: a failed emission is retried briefly, never lost
    signals.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50)));
  }

  /** Wakes the dispatcher once the surrounding transaction commits, or at once without one. */
  Mono<Void> wakeAfterCommit() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(
            manager -> {
              manager.registerSynchronization(
                  new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                      return Mono.fromRunnable(OutboxWakeUp.this::wake);
                    }
                  });
              return true;
            })
        .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
        .defaultIfEmpty(false)
        .flatMap(registered -> registered ? Mono.<Void>empty() : Mono.fromRunnable(this::wake));
  }

  Flux<Boolean> signals() {
    return signals.asFlux();
  }
}
