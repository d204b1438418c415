package io.duban.schedule;

import io.duban.digest.WeeklyDigests;
import io.duban.report.ReportWeek;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A DIGEST fire: asks the digest feature for the week before the fire's day, to the target's
 * groups. What the digest says is the digest feature's; when it goes out is the schedule's.
 */
@Component
class DigestPlanner implements FirePlanner {

  private final WeeklyDigests digests;
  private final UnitService units;
  private final ScheduleProperties properties;
  private final ZoneId zone;

  DigestPlanner(
      WeeklyDigests digests, UnitService units, ScheduleProperties properties, ZoneId zone) {
    this.digests = digests;
    this.units = units;
    this.properties = properties;
    this.zone = zone;
  }

  @Override
  public ScheduleKind kind() {
    return ScheduleKind.DIGEST;
  }

  @Override
  public Mono<List<Dispatch>> plan(Schedule schedule, Instant at) {
    LocalDate day = at.atZone(schedule.zone()).toLocalDate();
    ReportWeek week = ReportWeek.of(day).previous();
    Instant due =
        ZonedDateTime.of(
                week.monday().with(properties.reportDueDay()), properties.reportDueTime(), zone)
            .toInstant();
    return groups(schedule.target())
        .collectList()
        .flatMap(groups -> digests.messages(week, due, groups, schedule.target().text()))
        .map(
            messages ->
                messages.stream()
                    .map(m -> new Dispatch(m.group(), m.message(), m.dedupeKey()))
                    .toList());
  }

  private Flux<GroupChat> groups(ScheduleTarget target) {
    if (target instanceof ScheduleTarget.OneUnit one) {
      return units.groups(one.code());
    }
    return target instanceof ScheduleTarget.Units ? units.allGroups() : units.leaderGroups();
  }
}
