package io.duban.report;

import io.duban.chat.Platform;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.duban.unit.Assignment;
import io.duban.unit.UnitService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Progress reports for other features: record them, and read them by item, period and unit. */
@Service
public class ReportService {

  private final MeterRegistry meters;

  /** A leaf item whose lead unit has no standing verified report in a period. */
  public record MissingReport(String unitCode, String itemCode) {}

  private final ReportRepository reports;
  private final PlanService plans;
  private final UnitService units;
  private final Clock clock;
  private final ZoneId zone;

  ReportService(
      ReportRepository reports,
      PlanService plans,
      UnitService units,
      Clock clock,
      ZoneId zone,
      MeterRegistry meters) {
    this.meters = meters;
    this.reports = reports;
    this.plans = plans;
    this.units = units;
    this.clock = clock;
    this.zone = zone;
  }

  /** The reporting week now, e.g. {@code 2024-W23}. */
  public String currentPeriod() {
    return ReportWeek.current(clock, zone).toString();
  }

  /**
   * Stores a report against a leaf of the current plan (404 for an unknown item, 400 for a
   * section). Its period is the week of {@code sentAt}; it is late when made after the item's
   * deadline without being done.
   */
  public Mono<ProgressReport> record(NewReport report) {
    return store(report, clock.instant());
  }

  /**
   * Stores a report said in the past, from an earlier record (the first-run demo, an import): it is
   * stored as of its {@code sentAt}, so the weeks and "latest report" read it where it was said.
   * Refused (400) without a send time or with one in the future; otherwise as {@link #record}.
   */
  public Mono<ProgressReport> recordPast(NewReport report) {
    if (report.sentAt() == null || report.sentAt().isAfter(clock.instant())) {
      return Mono.error(
          DomainException.badRequest("a past report needs a send time not in the future"));
    }
    return store(report, report.sentAt());
  }

  private Mono<ProgressReport> store(NewReport report, Instant storedAt) {
    if (report.itemCode() == null
        || report.platform() == null
        || report.senderId() == null
        || report.status() == null
        || report.text() == null) {
      return Mono.error(
          DomainException.badRequest("a report needs item, platform, sender, status and text"));
    }
    if (report.percent() != null && (report.percent() < 0 || report.percent() > 100)) {
      return Mono.error(DomainException.badRequest("percent must be 0..100"));
    }
    Instant sentAt = report.sentAt() == null ? clock.instant() : report.sentAt();
    LocalDate day = sentAt.atZone(zone).toLocalDate();
    return plans
        .item(report.itemCode())
        .filter(PlanItem::leaf)
        .switchIfEmpty(
            Mono.error(
                DomainException.badRequest(
                    "item " + report.itemCode() + " has sub-items; report on one of them")))
        .flatMap(
            item ->
                units
                    .recentAssignments()
                    .filter(a -> a.itemCode().equals(item.code()))
                    .next()
                    .map(a -> a.deadline() != null && day.isAfter(a.deadline()))
                    .defaultIfEmpty(false)
                    .map(pastDeadline -> pastDeadline && report.status() != ReportStatus.DONE)
                    .flatMap(
                        late ->
                            reports
                                .insert(
                                    report,
                                    item.year(),
                                    ReportWeek.of(day).toString(),
                                    late,
                                    storedAt)
                                .flatMap(
                                    stored ->
                                        AfterCommit.run(() -> count(stored)).thenReturn(stored))));
  }

  private void count(ProgressReport stored) {
    meters
        .counter(
            "duban.reports.stored",
            "status",
            stored.status().name(),
            "verified",
            String.valueOf(stored.verified()))
        .increment();
  }

  /** The latest standing report of an item, or empty. */
  public Mono<ProgressReport> latest(String itemCode) {
    return reports.latest(itemCode);
  }

  /** The latest standing report of every item of the current plan that has one. */
  public Flux<ProgressReport> latestPerItem() {
    return reports.latestPerItem();
  }

  /**
   * The latest standing report of every item as things stood just before {@code before} (a report
   * retracted later still counts as retracted).
   */
  public Flux<ProgressReport> latestPerItem(Instant before) {
    return reports.latestPerItemBefore(before);
  }

  /** Standing reports of a period ({@code 2024-W23}), newest first. */
  public Flux<ProgressReport> reportsOfPeriod(String period) {
    return Flux.defer(() -> reports.ofPeriod(ReportWeek.parse(period).toString()));
  }

  /** Standing reports of an item, newest first. */
  public Flux<ProgressReport> reportsOfItem(String itemCode) {
    return reports
        .search(new ReportRepository.Filter(null, itemCode, null, null))
        .filter(r -> !r.retracted());
  }

  /**
   * Lead units of leaf items without a standing report from a registered contact in {@code period},
   * one row per unit and item, in plan order.
   */
  public Flux<MissingReport> missing(String period) {
    return reportsOfPeriod(period)
        .filter(ProgressReport::verified)
        .map(ProgressReport::itemCode)
        .collect(Collectors.toSet())
        .flatMapMany(
            reported ->
                units
                    .assignments()
                    .collectMap(Assignment::itemCode)
                    .flatMapMany(
                        assignments ->
                            plans
                                .leaves()
                                .filter(item -> !reported.contains(item.code()))
                                .filter(item -> assignments.containsKey(item.code()))
                                .map(
                                    item ->
                                        new MissingReport(
                                            assignments.get(item.code()).leadUnit(),
                                            item.code()))));
  }

  /** Codes of the units owing at least one report in {@code period}. */
  public Flux<String> unitsWithoutReport(String period) {
    return missing(period).map(MissingReport::unitCode).distinct();
  }

  /** Admin search over all reports, retracted and unverified included. */
  Flux<ProgressReport> search(ReportRepository.Filter filter) {
    return reports.search(filter);
  }

  Mono<Void> retract(long id) {
    return reports.retract(id);
  }

  Mono<ProgressReport> lastBySender(Platform platform, String senderId, Instant since) {
    return reports.lastBySender(platform, senderId, since);
  }
}
