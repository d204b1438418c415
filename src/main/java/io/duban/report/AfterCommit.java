package io.duban.report;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Runs a side effect (a metric) once the surrounding transaction has committed, or at once outside
 * a transaction, so that work rolled back and done again is counted once.
 */
final class AfterCommit {

  private AfterCommit() {}

  static Mono<Void> run(Runnable action) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(
            manager -> {
              manager.registerSynchronization(
                  new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                      return Mono.fromRunnable(action);
                    }
                  });
              return true;
            })
        .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
        .defaultIfEmpty(false)
        .flatMap(registered -> registered ? Mono.<Void>empty() : Mono.fromRunnable(action));
  }
}
