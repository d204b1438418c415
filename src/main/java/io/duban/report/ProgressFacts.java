package io.duban.report;

import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * The standing, verified progress reports of the current plan that the board, ledger, digest and
 * schedules are drawn from; {@link ReportServiceFacts} reads them, tests give their own. Each
 * carries its unit's responsibility for the item: only a lead unit's report is the item's own.
 */
public interface ProgressFacts {

  /** Every report that is not retracted, oldest first. */
  Flux<ReportFact> reports();

  /**
   * The latest lead-unit report of each item of the current plan made before {@code before}; a
   * report retracted since counts as retracted.
   */
  Flux<ReportFact> latestPerItem(Instant before);

  /** Every report of {@code week}, oldest first. */
  Flux<ReportFact> inWeek(ReportWeek week);
}
