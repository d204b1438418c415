package io.duban.report;

import java.time.Instant;
import java.util.List;
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

  /**
   * The standing reports of one item, oldest first: what its page lists and judges its weeks by
   * (reading every report of the plan to show one item took seconds at scale).
   */
  default Flux<ReportFact> ofItem(String itemCode) {
    return reports().filter(r -> r.itemCode().equals(itemCode));
  }

  /** Per unit and week of {@code weeks}, the items it reported on as lead unit. */
  default Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks) {
    return reports()
        .collectList()
        .flatMapIterable(
            all -> UnitWeekReports.of(all, weeks.stream().map(ReportWeek::toString).toList()));
  }

  /** {@link #unitWeeks(List)} of the given units only (a page of 报送情况). */
  default Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks, List<String> unitCodes) {
    java.util.Set<String> wanted = java.util.Set.copyOf(unitCodes);
    return unitWeeks(weeks).filter(u -> wanted.contains(u.unitCode()));
  }
}
