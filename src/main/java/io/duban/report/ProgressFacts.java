package io.duban.report;

import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * The standing progress reports of the current plan that the board, ledger, digest and schedules
 * are drawn from; {@link ReportServiceFacts} reads them, tests give their own.
 */
public interface ProgressFacts {

  /** Every report that is not retracted, oldest first. */
  Flux<ReportFact> reports();

  /**
   * The latest report of each item of the current plan made before {@code before}; a report
   * retracted since counts as retracted.
   */
  Flux<ReportFact> latestPerItem(Instant before);

  /** Every report of {@code week}, oldest first. */
  Flux<ReportFact> inWeek(ReportWeek week);
}
