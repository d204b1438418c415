package io.duban.dashboard;

import java.time.Instant;
import reactor.core.publisher.Flux;

/** The progress reports the dashboard, ledger and chart are drawn from. */
interface ProgressFacts {

  /** Every report that is not retracted, oldest first. */
  Flux<ReportFact> reports();

  /** The latest report of each item of the current plan made before {@code before}. */
  Flux<ReportFact> latestPerItem(Instant before);
}
