package io.duban.report;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which items of the current plan are closed (办结销号). Reminders, escalations and the missing report
 * list skip these; the weekly digest shows them apart. It depends on nothing but its table, so any
 * feature can use it without a dependency cycle.
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

  /**
   * Codes of the current plan's items closed before {@code end}: what a digest of the week ending
   * then shows as closed, like the board and chart of that week.
   */
  public Mono<Set<String>> codesClosedBefore(Instant end) {
    return repository
        .closed()
        .filter(c -> c.at().isBefore(end))
        .map(ClosingRecord::itemCode)
        .collect(Collectors.toSet());
  }

  public Mono<Boolean> isClosed(String itemCode) {
    return codes().map(codes -> codes.contains(itemCode));
  }
}
