package io.duban.dashboard;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which items of the current plan are closed (办结销号). Reminders, escalations and the missing report
 * list skip these. It depends on nothing but its table, so any feature can use it without a
 * dependency cycle.
 */
@Component
public class ClosedItems {

  private final ClosingRepository repository;

  ClosedItems(ClosingRepository repository) {
    this.repository = repository;
  }

  /** Codes of the current plan's closed items. */
  public Mono<Set<String>> codes() {
    return repository.closed().map(ClosingRecord::itemCode).collect(Collectors.toSet());
  }

  public Mono<Boolean> isClosed(String itemCode) {
    return codes().map(codes -> codes.contains(itemCode));
  }
}
