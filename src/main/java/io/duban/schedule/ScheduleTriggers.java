package io.duban.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps one Quartz trigger per enabled schedule, set to its next real fire time (cron plus work-day
 * rule). Each fire plans the next one, so a holiday rule can move a fire earlier or later than the
 * cron expression says. Misfires fire once, at once; the runner then decides whether the fire is
 * still useful (see {@code duban.schedule.misfire-grace}).
 */
@Component
class ScheduleTriggers {

  static final String GROUP = "duban-schedules";

  private final Scheduler scheduler;
  private final FireTimes fireTimes;
  private final Clock clock;

  ScheduleTriggers(Scheduler scheduler, FireTimes fireTimes, Clock clock) {
    this.scheduler = scheduler;
    this.fireTimes = fireTimes;
    this.clock = clock;
  }

  static JobKey jobKey(long scheduleId) {
    return new JobKey("schedule-" + scheduleId, GROUP);
  }

  /**
   * Each planned fire gets its own trigger key: Quartz deletes a one-shot trigger after its fire
   * completes, so the next fire, planned during that fire, must not reuse the key.
   */
  static TriggerKey triggerKey(long scheduleId, Instant fireAt) {
    return new TriggerKey("schedule-" + scheduleId + "-" + fireAt.toEpochMilli(), GROUP);
  }

  /**
   * Plans the next fire of {@code s} after now (or removes it when disabled); off the event loop.
   */
  Mono<Optional<Instant>> plan(Schedule s) {
    return Mono.fromCallable(() -> planBlocking(s, clock.instant()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  Mono<Void> remove(long scheduleId) {
    return Mono.fromCallable(() -> deleteJob(jobKey(scheduleId)))
        .subscribeOn(Schedulers.boundedElastic())
        .then();
  }

  /** When Quartz will fire the schedule next, if it holds a trigger for it. */
  Optional<Instant> plannedBlocking(long scheduleId) throws SchedulerException {
    return scheduler.getTriggersOfJob(jobKey(scheduleId)).stream()
        .map(Trigger::getNextFireTime)
        .filter(java.util.Objects::nonNull)
        .map(Date::toInstant)
        .min(Instant::compareTo);
  }

  /**
   * Deletes the job and its triggers. Another instance firing the job meanwhile completes (and so
   * removes) its trigger, which makes Quartz refuse the delete ("Unable to unschedule trigger"):
   * the delete is tried again on what is left.
   */
  private boolean deleteJob(JobKey key) throws SchedulerException {
    for (int attempt = 1; ; attempt++) {
      try {
        return scheduler.deleteJob(key);
      } catch (SchedulerException raced) {
        if (!scheduler.checkExists(key)) {
          return true;
        }
        if (attempt >= 5) {
          throw raced;
        }
      }
    }
  }

  /** Blocking: for Quartz jobs and startup only. */
  Optional<Instant> planBlocking(Schedule s, Instant after) throws SchedulerException {
    Optional<Instant> next =
        s.enabled()
            ? fireTimes.nextAfter(s.cron(), s.zone(), s.workdayRule(), after)
            : Optional.empty();
    if (next.isEmpty()) {
      deleteJob(jobKey(s.id()));
      return next;
    }
    JobDetail job =
        JobBuilder.newJob(ScheduleJob.class)
            .withIdentity(jobKey(s.id()))
            .withDescription(s.kind() + " " + s.name())
            .usingJobData(ScheduleJob.SCHEDULE_ID, s.id())
            .storeDurably()
            .requestRecovery(true)
            .build();
    TriggerKey key = triggerKey(s.id(), next.get());
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key)
            .forJob(job)
            .startAt(Date.from(next.get()))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
    for (Trigger other : scheduler.getTriggersOfJob(job.getKey())) {
      if (!other.getKey().equals(key)) {
        scheduler.unscheduleJob(other.getKey());
      }
    }
    return next;
  }
}
