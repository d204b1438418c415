package io.duban.schedule;

import io.duban.delivery.OutboxReader;
import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Schedules as data: validated changes, each audited and mirrored into Quartz. */
@Service
class ScheduleService {

  /** A schedule with its next fire times, as the admin API shows it. */
  record ScheduleView(
      long id,
      String name,
      ScheduleKind kind,
      String cron,
      String zone,
      String target,
      boolean enabled,
      WorkdayRule workdayRule,
      List<OffsetDateTime> nextFireTimes,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * One fire and what came of the messages it queued, as the outbox knows it now.
   *
   * @param outcome SENT (queued), NOTHING, SKIPPED, MISSED or FAILED
   * @param messages messages it queued
   * @param delivery sent, waiting and failed among them, with the reasons of failures
   */
  record FireView(
      long id,
      Instant plannedAt,
      Instant firedAt,
      String trigger,
      String outcome,
      int messages,
      String detail,
      OutboxReader.Deliveries delivery) {}

  private final ScheduleRepository repository;
  private final OutboxReader outbox;
  private final ScheduleTriggers triggers;
  private final ScheduleRunner runner;
  private final FireTimes fireTimes;
  private final AdminAudit audit;
  private final Clock clock;

  ScheduleService(
      ScheduleRepository repository,
      ScheduleTriggers triggers,
      ScheduleRunner runner,
      FireTimes fireTimes,
      AdminAudit audit,
      OutboxReader outbox,
      Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.triggers = triggers;
    this.runner = runner;
    this.fireTimes = fireTimes;
    this.audit = audit;
    this.clock = clock;
  }

  Flux<ScheduleView> list() {
    return repository.all().map(s -> view(s, 5));
  }

  Mono<ScheduleView> get(long id) {
    return find(id).map(s -> view(s, 5));
  }

  Mono<ScheduleView> create(ScheduleDraft.Body body) {
    return draft(body)
        .flatMap(
            d ->
                repository
                    .insert(d, clock.instant())
                    .switchIfEmpty(Mono.error(nameTaken(d.name()))))
        .flatMap(s -> triggers.plan(s).thenReturn(s))
        .flatMap(
            s -> audit.record("SCHEDULE_CREATE", subject(s), describe(s)).thenReturn(view(s, 5)));
  }

  Mono<ScheduleView> replace(long id, ScheduleDraft.Body body) {
    return draft(body)
        .flatMap(d -> find(id).then(repository.update(id, d, clock.instant())))
        .onErrorMap(
            org.springframework.dao.DataIntegrityViolationException.class,
            e -> nameTaken(body.name()))
        .flatMap(s -> triggers.plan(s).thenReturn(s))
        .flatMap(
            s -> audit.record("SCHEDULE_UPDATE", subject(s), describe(s)).thenReturn(view(s, 5)));
  }

  Mono<Void> delete(long id) {
    return find(id)
        .flatMap(
            s ->
                triggers
                    .remove(id)
                    .then(repository.delete(id))
                    .then(audit.record("SCHEDULE_DELETE", subject(s), describe(s))));
  }

  Mono<ScheduleView> setEnabled(long id, boolean enabled) {
    return find(id)
        .then(repository.setEnabled(id, enabled, clock.instant()))
        .flatMap(s -> triggers.plan(s).thenReturn(s))
        .flatMap(
            s ->
                audit
                    .record(enabled ? "SCHEDULE_RESUME" : "SCHEDULE_PAUSE", subject(s), "")
                    .thenReturn(view(s, 5)));
  }

  Mono<FireOutcome> runNow(long id) {
    return find(id)
        .flatMap(
            s ->
                runner
                    .runNow(s)
                    .flatMap(
                        o ->
                            audit
                                .record("SCHEDULE_RUN", subject(s), o.outcome() + " " + o.detail())
                                .thenReturn(o)));
  }

  Mono<List<OffsetDateTime>> next(long id, int count) {
    return find(id).map(s -> nextFires(s, count));
  }

  /** The next {@code count} fires of an unsaved timing, from now, with holidays applied. */
  Mono<List<OffsetDateTime>> preview(String cron, String zone, String workdayRule, int count) {
    return Mono.fromCallable(() -> ScheduleDraft.validateTiming(cron, zone, workdayRule))
        .onErrorMap(IllegalArgumentException.class, ScheduleService::badSchedule)
        .map(t -> nextFires(t.cron(), t.zone(), t.workdayRule(), count));
  }

  /** The latest fires, newest first, each with what came of its messages so far. */
  Flux<FireView> fires(long id, int limit) {
    return find(id)
        .thenMany(repository.fires(id, limit))
        .concatMap(
            f ->
                outbox
                    .deliveries(f.dedupeKeys())
                    .map(
                        d ->
                            new FireView(
                                f.id(),
                                f.plannedAt(),
                                f.firedAt(),
                                f.trigger(),
                                f.outcome(),
                                f.messages(),
                                f.detail(),
                                d)));
  }

  private Mono<Schedule> find(long id) {
    return repository
        .find(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有编号为 " + id + " 的定时任务")));
  }

  private static Mono<ScheduleDraft> draft(ScheduleDraft.Body body) {
    return Mono.fromCallable(() -> ScheduleDraft.validate(body))
        .onErrorMap(IllegalArgumentException.class, ScheduleService::badSchedule);
  }

  private static DomainException badSchedule(Throwable e) {
    return new DomainException(HttpStatus.BAD_REQUEST, "BAD_SCHEDULE", e.getMessage());
  }

  private ScheduleView view(Schedule s, int count) {
    return new ScheduleView(
        s.id(),
        s.name(),
        s.kind(),
        s.cron(),
        s.zone().getId(),
        s.target().text(),
        s.enabled(),
        s.workdayRule(),
        s.enabled() ? nextFires(s, count) : List.of(),
        s.createdAt(),
        s.updatedAt());
  }

  private List<OffsetDateTime> nextFires(Schedule s, int count) {
    return nextFires(s.cron(), s.zone(), s.workdayRule(), count);
  }

  private List<OffsetDateTime> nextFires(String cron, ZoneId zone, WorkdayRule rule, int count) {
    return fireTimes.next(cron, zone, rule, clock.instant(), count).stream()
        .map(t -> t.atZone(zone).toOffsetDateTime())
        .toList();
  }

  private static DomainException nameTaken(String name) {
    return new DomainException(HttpStatus.CONFLICT, "SCHEDULE_EXISTS", "已有名为「" + name + "」的定时任务");
  }

  private static String subject(Schedule s) {
    return "schedule:" + s.id();
  }

  private static String describe(Schedule s) {
    return s.name()
        + " "
        + s.kind()
        + " '"
        + s.cron()
        + "' "
        + s.zone()
        + " "
        + s.target().text()
        + " "
        + s.workdayRule()
        + (s.enabled() ? "" : " (paused)");
  }
}
