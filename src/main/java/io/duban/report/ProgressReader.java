package io.duban.report;

import io.duban.plan.PlanService;
import io.duban.unit.Assignment;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads {@link ProgressSnapshot}s from the plan, the responsibilities, the reports and the
 * closings, and judges them for a week in the service zone: the one way the board, the ledger and
 * the digest come to an item's light.
 */
@Service
public class ProgressReader {

  private final PlanService plans;
  private final UnitService units;
  private final ProgressFacts facts;
  private final ItemClosing closing;
  private final ZoneId zone;

  ProgressReader(
      PlanService plans, UnitService units, ProgressFacts facts, ItemClosing closing, ZoneId zone) {
    this.plans = plans;
    this.units = units;
    this.facts = facts;
    this.closing = closing;
    this.zone = zone;
  }

  /**
   * Enough to judge the given weeks: of the reports, only each item's latest before each week ended
   * (a year of reports would otherwise be read for a picture that shows one per item).
   */
  public Mono<ProgressSnapshot> asOf(ReportWeek... weeks) {
    return before(Stream.of(weeks).map(w -> w.end(zone)).toArray(Instant[]::new));
  }

  /**
   * Enough to judge the plan just before each of {@code instants} (a 通报's period end and its
   * previous issue's): of the reports, only each item's latest lead report before each instant. An
   * item's latest lead report before an instant also tells whether it was reported since any
   * earlier one, so no other report is read.
   */
  public Mono<ProgressSnapshot> before(Instant... instants) {
    return read(
        Flux.fromArray(instants)
            .concatMap(facts::latestPerItem)
            .distinct(ReportFact::id)
            .sort(Comparator.comparing(ReportFact::createdAt).thenComparing(ReportFact::id)));
  }

  /**
   * Enough to judge and list one item: of the reports, only that item's (its page shows one item;
   * the plan, responsibilities and closings are read as for the board).
   */
  public Mono<ProgressSnapshot> ofItem(String itemCode) {
    return read(facts.ofItem(itemCode));
  }

  /** The plan, responsibilities, units and closings, without any report. */
  public Mono<ProgressSnapshot> withoutReports() {
    return read(Flux.empty());
  }

  /** Every standing report of {@code week}, oldest first. */
  public Flux<ReportFact> inWeek(ReportWeek week) {
    return facts.inWeek(week);
  }

  /** Per unit and week of {@code weeks}, the items it reported on as lead unit. */
  public Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks) {
    return facts.unitWeeks(weeks);
  }

  /** {@link #unitWeeks(List)} of the given units only. */
  public Flux<UnitWeekReports> unitWeeks(List<ReportWeek> weeks, List<String> unitCodes) {
    return facts.unitWeeks(weeks, unitCodes);
  }

  /** The plan as of {@code week}. */
  public Mono<PlanStanding> standing(ReportWeek week) {
    return asOf(week).map(s -> s.standing(week, zone));
  }

  private Mono<ProgressSnapshot> read(Flux<ReportFact> reports) {
    // responsibilities and units from memory (unit.Directory, forgotten on every change): read
    // from the database they were 20,000 rows decoded per board request at province scale
    return Mono.zip(
            plans.items().collectList(),
            units.recentAssignments().collectMap(Assignment::itemCode, Function.identity()),
            units.recentUnits().collectList(),
            reports.collectList(),
            closing.closings().collectMap(ClosingRecord::itemCode, Function.identity()))
        .map(
            t ->
                ProgressSnapshot.of(
                    t.getT1(), t.getT2(), t.getT3(), List.copyOf(t.getT4()), t.getT5()));
  }
}
