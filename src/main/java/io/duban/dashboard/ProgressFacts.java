package io.duban.dashboard;

import reactor.core.publisher.Flux;

/** The progress reports the dashboard, ledger and chart are drawn from. */
interface ProgressFacts {

  /** Every report that is not retracted, oldest first. */
  Flux<ReportFact> reports();
}
