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
import java.util.List;
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
  private final ReportProperties properties;

  ReportService(
      ReportRepository reports,
      PlanService plans,
      UnitService units,
      Clock clock,
      ZoneId zone,
      MeterRegistry meters,
      ReportProperties properties) {
    this.meters = meters;
    this.properties = properties;
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

  /** The one instant of a chat message sent at {@code sentAt} (null: unknown) and handled now. */
  Instant messageTime(Instant sentAt) {
    return ReportTime.of(sentAt, clock.instant(), properties.maxSendDelay());
  }

  /** The reporting week a message sent at {@code sentAt} (null: unknown) and handled now is in. */
  String periodOf(Instant sentAt) {
    return ReportWeek.of(messageTime(sentAt), zone).toString();
  }

  /**
   * When the reports of {@code week} are due ({@code duban.report.due-day} and {@code due-time}): a
   * report made later in its week is 迟报, and the digest's late units are judged by it.
   */
  public Instant dueOf(ReportWeek week) {
    return week.due(properties.dueDay(), properties.dueTime(), zone);
  }

  /**
   * Stores a report against a leaf of the current plan (404 for an unknown item, 400 for a
   * section). Its one instant is {@code sentAt} (at most now; a chat message's is bounded by its
   * receipt first, see {@link ReportTime}); from it come its period, whether it is 迟报 (after the
   * week's due time) and 已逾期 (after the item's deadline without being done). It records what the
   * sender's unit is to the item: lead, support or none.
   */
  public Mono<ProgressReport> record(NewReport report) {
    return store(report, clock.instant(), null);
  }

  /**
   * As {@link #record} for a report from chat message {@code answering.inboundMessageId()}, in one
   * statement with marking the message handled and removing the question "您说的是哪一项？" its sender has
   * open in its chat (a report that names its item answers no question); emits nothing when the
   * message had been handled before.
   */
  Mono<ProgressReport> recordAnswering(NewReport report, ReportRepository.Answering answering) {
    return store(report, clock.instant(), answering);
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
    return store(report, report.sentAt(), null);
  }

  private Mono<ProgressReport> store(
      NewReport report, Instant storedAt, ReportRepository.Answering answering) {
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
    Instant now = clock.instant();
    // a chat message's send time was bounded by its receipt already (ReportRecorder); a trusted
    // caller's time (an import of earlier reports) stands, but never in the future
    Instant reportedAt =
        report.sentAt() == null || report.sentAt().isAfter(now) ? now : report.sentAt();
    LocalDate day = reportedAt.atZone(zone).toLocalDate();
    ReportWeek week = ReportWeek.of(day);
    return plans
        .item(report.itemCode())
        .filter(PlanItem::leaf)
        .switchIfEmpty(
            Mono.error(
                DomainException.badRequest(
                    "item " + report.itemCode() + " has sub-items; report on one of them")))
        .flatMap(
            item ->
                assignment(item.code())
                    .map(
                        a ->
                            new ReportRepository.Placement(
                                item.year(),
                                week.toString(),
                                reportedAt,
                                reportedAt.isAfter(dueOf(week)),
                                overdue(a.orElse(null), day, report.status()),
                                responsibility(a.orElse(null), report.unitCode())))
                    .flatMap(placement -> reports.insert(report, placement, storedAt, answering))
                    .flatMap(stored -> AfterCommit.run(() -> count(stored)).thenReturn(stored)));
  }

  private Mono<java.util.Optional<Assignment>> assignment(String itemCode) {
    return units
        .recentAssignments()
        .filter(a -> a.itemCode().equals(itemCode))
        .next()
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty());
  }

  private static boolean overdue(Assignment a, LocalDate day, ReportStatus status) {
    return a != null
        && a.deadline() != null
        && day.isAfter(a.deadline())
        && status != ReportStatus.DONE;
  }

  /**
   * What {@code unitCode} is to the item of {@code a}; an item nobody was assigned has no other
   * unit to speak for, so a registered unit's report is its own.
   */
  static ReportResponsibility responsibility(Assignment a, String unitCode) {
    if (unitCode == null) {
      return ReportResponsibility.NONE;
    }
    if (a == null || unitCode.equals(a.leadUnit())) {
      return ReportResponsibility.LEAD;
    }
    return a.supportUnits().contains(unitCode)
        ? ReportResponsibility.SUPPORT
        : ReportResponsibility.NONE;
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

  /** The latest report of {@code unitCode} on an item (its own, whatever its responsibility). */
  public Mono<ProgressReport> latestOfUnit(String itemCode, String unitCode) {
    return reports.latestOfUnit(itemCode, unitCode);
  }

  /** The item's latest standing report that counts: verified, by its lead unit; or empty. */
  public Mono<ProgressReport> latest(String itemCode) {
    return reports.latest(itemCode);
  }

  /** The latest counting report (verified, lead unit) of every item of the current plan. */
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

  /** {@link #latestPerItem(Instant)}, only what a {@link ReportFact} needs. */
  Flux<LatestReport> latestShownPerItem(Instant before) {
    return reports.latestShownPerItemBefore(before);
  }

  /** Standing reports of a period ({@code 2024-W23}), newest first. */
  public Flux<ProgressReport> reportsOfPeriod(String period) {
    return Flux.defer(() -> reports.ofPeriod(ReportWeek.parse(period).toString()));
  }

  /**
   * Per unit (of {@code unitCodes}; null: every unit) and period of {@code periods}, the items it
   * reported on as lead unit.
   */
  Flux<UnitWeekReports> unitWeeks(List<String> periods, List<String> unitCodes) {
    return reports.unitWeeks(periods, unitCodes);
  }

  /**
   * A sender's standing reports within {@code window} of {@code at}, nearest first: which report a
   * picture sent just before or after belongs to.
   */
  public Flux<ProgressReport> reportsOfSenderNear(
      io.duban.chat.Platform platform, String senderId, Instant at, java.time.Duration window) {
    return reports.ofSenderNear(platform, senderId, at, window);
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
        // a supporting, other or unregistered sender never makes the lead unit look reported
        .filter(ProgressReport::verified)
        .filter(r -> r.responsibility().leads())
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

  Mono<ProgressReport> lastBySender(
      Platform platform, String senderId, Instant since, String itemCode) {
    return reports.lastBySender(platform, senderId, since, itemCode);
  }
}
