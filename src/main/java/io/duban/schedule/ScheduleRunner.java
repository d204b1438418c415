package io.duban.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The books of one fire of a schedule: skips a paused one, records one fired too late as MISSED,
 * otherwise asks the kind's {@link FirePlanner} for the messages and queues them under once-only
 * keys; then records the outcome and plans the next fire.
 */
@Component
class ScheduleRunner {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

  private final ScheduleRepository schedules;
  private final ScheduleTriggers triggers;
  private final Map<ScheduleKind, FirePlanner> planners = new EnumMap<>(ScheduleKind.class);
  private final DispatchQueue queue;
  private final ScheduleProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;

  ScheduleRunner(
      ScheduleRepository schedules,
      ScheduleTriggers triggers,
      List<FirePlanner> planners,
      DispatchQueue queue,
      ScheduleProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.schedules = schedules;
    this.triggers = triggers;
    planners.forEach(p -> this.planners.put(p.kind(), p));
    for (ScheduleKind kind : ScheduleKind.values()) {
      if (!this.planners.containsKey(kind)) {
        throw new IllegalStateException("no planner for " + kind + " schedules");
      }
    }
    this.queue = queue;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
  }

  /** A fire Quartz planned for {@code planned}; plans the next one afterwards. */
  Mono<FireOutcome> runScheduled(long scheduleId, Instant planned) {
    return schedules
        .find(scheduleId)
        .flatMap(
            s -> {
              Instant now = clock.instant();
              Duration lateness = Duration.between(planned, now);
              Mono<FireOutcome> outcome;
              if (!s.enabled()) {
                outcome = Mono.just(new FireOutcome(FireOutcome.Outcome.SKIPPED, 0, "已暂停"));
              } else if (lateness.compareTo(properties.misfireGrace()) > 0) {
                outcome =
                    Mono.just(
                        new FireOutcome(
                            FireOutcome.Outcome.MISSED,
                            0,
                            "晚了 "
                                + minutes(lateness)
                                + " 才触发，超过允许的 "
                                + minutes(properties.misfireGrace())
                                + "，未发送"));
              } else {
                outcome = execute(s, planned);
              }
              return outcome
                  .flatMap(o -> record(s, planned, now, "SCHEDULED", o))
                  .flatMap(o -> planNext(s.id(), later(now, planned)).thenReturn(o));
            });
  }

  /** An admin's "run now": ignores the work-day rule, still sends each message once. */
  Mono<FireOutcome> runNow(Schedule s) {
    Instant now = clock.instant();
    return execute(s, now).flatMap(o -> record(s, now, now, "MANUAL", o));
  }

  /** The messages of {@code s} firing at {@code at}, queued; failures become a FAILED outcome. */
  Mono<FireOutcome> execute(Schedule s, Instant at) {
    return planners
        .get(s.kind())
        .plan(s, at)
        .flatMap(queue::enqueue)
        .timeout(properties.jobTimeout())
        .onErrorResume(
            e -> {
              log.error("Schedule {} ({}) failed: {}", s.id(), s.name(), e.toString());
              return Mono.just(new FireOutcome(FireOutcome.Outcome.FAILED, 0, "执行出错：" + e));
            });
  }

  private Mono<FireOutcome> record(
      Schedule s, Instant planned, Instant fired, String trigger, FireOutcome o) {
    return schedules
        .recordFire(s.id(), planned, fired, trigger, o)
        .doOnSuccess(done -> count(s, trigger, o))
        .thenReturn(o);
  }

  /**
   * The next fire is planned from the schedule as stored now: an admin may have paused or changed
   * it while this fire ran.
   */
  private Mono<Void> planNext(long scheduleId, Instant after) {
    return schedules
        .find(scheduleId)
        .flatMap(
            fresh ->
                Mono.fromCallable(() -> triggers.planBlocking(fresh, after))
                    .subscribeOn(Schedulers.boundedElastic()))
        .then();
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

  private static String minutes(Duration d) {
    return d.toMinutes() >= 1 ? d.toMinutes() + " 分钟" : d.toSeconds() + " 秒";
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
