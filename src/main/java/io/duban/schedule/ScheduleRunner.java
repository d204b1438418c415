package io.duban.schedule;

import io.duban.dashboard.DigestChart;
import io.duban.delivery.Outbox;
import io.duban.digest.WeeklyDigest;
import io.duban.unit.GroupChat;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs one fire of a schedule: reads the plan, people and reports, decides the messages, queues
 * them in the outbox under once-only keys, records the outcome, and plans the next fire.
 */
@Component
class ScheduleRunner {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

  private final ScheduleRepository schedules;
  private final ScheduleTriggers triggers;
  private final SnapshotReader snapshots;
  private final ReportFacts reports;
  private final Outbox outbox;
  private final EscalationPlanner escalation;
  private final DigestPlanner digest;
  private final ScheduleProperties properties;
  private final String publicBaseUrl;
  private final Clock clock;
  private final MeterRegistry meters;
  private final DigestChart chart;
  private final ChartDispatches charts;

  ScheduleRunner(
      ScheduleRepository schedules,
      ScheduleTriggers triggers,
      SnapshotReader snapshots,
      ReportFacts reports,
      Outbox outbox,
      EscalationPlanner escalation,
      DigestPlanner digest,
      ScheduleProperties properties,
      @org.springframework.beans.factory.annotation.Value("${duban.public-base-url:}")
          String publicBaseUrl,
      Clock clock,
      MeterRegistry meters,
      DigestChart chart,
      ChartDispatches charts) {
    this.chart = chart;
    this.charts = charts;
    this.meters = meters;
    this.schedules = schedules;
    this.triggers = triggers;
    this.snapshots = snapshots;
    this.reports = reports;
    this.outbox = outbox;
    this.escalation = escalation;
    this.digest = digest;
    this.properties = properties;
    this.publicBaseUrl = publicBaseUrl;
    this.clock = clock;
  }

  /** A fire Quartz planned for {@code planned}; plans the next one afterwards. */
  Mono<FireOutcome> runScheduled(long scheduleId, Instant planned) {
    return schedules
        .find(scheduleId)
        .flatMap(
            s -> {
              Instant now = clock.instant();
              Mono<FireOutcome> outcome;
              if (!s.enabled()) {
                outcome = Mono.just(new FireOutcome(FireOutcome.Outcome.SKIPPED, 0, "paused"));
              } else if (Duration.between(planned, now).compareTo(properties.misfireGrace()) > 0) {
                outcome =
                    Mono.just(
                        new FireOutcome(
                            FireOutcome.Outcome.MISSED,
                            0,
                            "fired "
                                + Duration.between(planned, now)
                                + " late, beyond the grace of "
                                + properties.misfireGrace()));
              } else {
                outcome = execute(s, planned);
              }
              // The next fire is planned from the schedule as stored now: an admin may have
              // paused or changed it while this fire ran.
              return outcome
                  .flatMap(
                      o ->
                          schedules
                              .recordFire(s.id(), planned, now, "SCHEDULED", o)
                              .doOnSuccess(done -> count(s, "SCHEDULED", o))
                              .thenReturn(o))
                  .flatMap(
                      o ->
                          schedules
                              .find(s.id())
                              .flatMap(
                                  fresh ->
                                      Mono.fromCallable(
                                              () ->
                                                  triggers.planBlocking(fresh, later(now, planned)))
                                          .subscribeOn(Schedulers.boundedElastic()))
                              .thenReturn(o));
            });
  }

  /** An admin's "run now": ignores the work-day rule, still sends each message once. */
  Mono<FireOutcome> runNow(Schedule s) {
    Instant now = clock.instant();
    return execute(s, now)
        .flatMap(
            o ->
                schedules
                    .recordFire(s.id(), now, now, "MANUAL", o)
                    .doOnSuccess(done -> count(s, "MANUAL", o))
                    .thenReturn(o));
  }

  /** Job fires by kind and outcome; outcome MISSED is a misfire too late to act on. */
  private void count(Schedule s, String trigger, FireOutcome o) {
    meters
        .counter(
            "duban.schedule.fires",
            "kind",
            s.kind().name(),
            "trigger",
            trigger,
            "outcome",
            o.outcome().name())
        .increment();
  }

  /** The messages of {@code s} firing at {@code at}, queued; failures become a FAILED outcome. */
  Mono<FireOutcome> execute(Schedule s, Instant at) {
    LocalDate day = at.atZone(s.zone()).toLocalDate();
    Mono<List<Dispatch>> planned =
        switch (s.kind()) {
          case REMINDER -> reminders(s, at, day);
          case ESCALATION -> escalations(s, at, day);
          case DIGEST -> digests(s, day);
        };
    return planned
        .flatMap(this::enqueue)
        .timeout(properties.jobTimeout())
        .onErrorResume(
            e -> {
              log.error("Schedule {} ({}) failed: {}", s.id(), s.name(), e.toString());
              return Mono.just(new FireOutcome(FireOutcome.Outcome.FAILED, 0, e.toString()));
            });
  }

  private Mono<List<Dispatch>> reminders(Schedule s, Instant at, LocalDate day) {
    IsoWeek week = IsoWeek.of(day);
    String onlyUnit = s.target().startsWith("unit:") ? s.target().substring(5) : null;
    return Mono.zip(
            snapshots.read(at),
            reports
                .inPeriod(week.toString())
                .map(ReportFacts.Report::itemCode)
                .collect(Collectors.toSet()))
        .map(t -> ReminderPlanner.plan(t.getT1(), week, day, t.getT2(), onlyUnit));
  }

  private Mono<List<Dispatch>> escalations(Schedule s, Instant at, LocalDate day) {
    return snapshots
        .read(at)
        .map(
            snap ->
                escalation.plan(
                    snap, day, "leaders".equals(s.target()) ? snap.leaderGroups() : List.of()));
  }

  /** The digest of the week before {@code day}: its text and chart, one dispatch per group. */
  Mono<List<Dispatch>> digests(Schedule s, LocalDate day) {
    IsoWeek week = IsoWeek.of(day).minusWeeks(1);
    Instant end = ZonedDateTime.of(week.sunday().plusDays(1).atStartOfDay(), s.zone()).toInstant();
    Instant endBefore = end.minus(Duration.ofDays(7));
    String dashboard =
        publicBaseUrl == null || publicBaseUrl.isBlank()
            ? null
            : publicBaseUrl.replaceAll("/+$", "") + "/dashboard";
    // The chart is drawn from the dashboard's board while the text's facts are read, so the two
    // overlap; a chart that cannot be drawn leaves the text alone.
    Mono<Optional<byte[]>> png =
        chart
            .forWeek(week.toString())
            .map(Optional::of)
            .onErrorResume(
                e -> {
                  log.warn("Digest chart for {} not drawn: {}", week, e.toString());
                  return Mono.just(Optional.empty());
                })
            .defaultIfEmpty(Optional.empty());
    return Mono.zip(
            snapshots.read(end),
            reports
                .latestPerItem(endBefore)
                .collectMap(ReportFacts.Report::itemCode, Function.identity()),
            snapshots.closedBefore(endBefore),
            reports.inPeriod(week.toString()).collectList(),
            reports.inPeriod(week.minusWeeks(1).toString()).collectList(),
            png)
        .flatMap(
            t -> {
              WeeklyDigest d =
                  digest.build(
                      week, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), dashboard);
              List<GroupChat> groups = groupsFor(s.target(), t.getT1());
              List<Dispatch> texts = digest.plan(d, groups, s.target());
              if (t.getT6().isEmpty()) {
                return Mono.just(texts);
              }
              // the chart follows the digest text; one that cannot be published leaves it alone
              return charts
                  .plan(groups, t.getT6().get(), d.period(), s.target())
                  .map(
                      chartDispatches -> {
                        List<Dispatch> all = new java.util.ArrayList<>(texts);
                        all.addAll(chartDispatches);
                        return all;
                      })
                  .onErrorResume(
                      e -> {
                        log.warn("Digest chart for {} not published: {}", week, e.toString());
                        return Mono.just(texts);
                      })
                  .defaultIfEmpty(texts);
            });
  }

  private static List<GroupChat> groupsFor(String target, PlanSnapshot snap) {
    if (target.startsWith("unit:")) {
      return snap.groups().getOrDefault(target.substring(5), List.of());
    }
    if (target.equals("units")) {
      return snap.groups().values().stream().flatMap(List::stream).toList();
    }
    return snap.leaderGroups();
  }

  private Mono<FireOutcome> enqueue(List<Dispatch> dispatches) {
    if (dispatches.isEmpty()) {
      return Mono.just(new FireOutcome(FireOutcome.Outcome.NOTHING, 0, "nobody needed a message"));
    }
    Set<String> groups =
        dispatches.stream()
            .map(d -> d.group().unitCode())
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    return Flux.fromIterable(dispatches)
        .concatMap(
            d ->
                outbox.enqueue(
                    outbox.groupDestination(
                        d.group().platform(), d.group().botId(), d.group().chatId()),
                    d.message(),
                    d.dedupeKey()))
        .reduce(0, Integer::sum)
        .map(
            n ->
                n > 0
                    ? new FireOutcome(
                        FireOutcome.Outcome.SENT, n, "queued for " + String.join(", ", groups))
                    : new FireOutcome(
                        FireOutcome.Outcome.NOTHING, 0, "already sent for this period"));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
