package io.duban.schedule;

import io.duban.digest.WeeklyDigests;
import io.duban.report.ReportService;
import io.duban.report.ReportWeek;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.LocalDate;
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
  private final ReportService reports;

  DigestPlanner(WeeklyDigests digests, UnitService units, ReportService reports) {
    this.digests = digests;
    this.units = units;
    this.reports = reports;
  }

  @Override
  public ScheduleKind kind() {
    return ScheduleKind.DIGEST;
  }

  @Override
  public Mono<List<Dispatch>> plan(Schedule schedule, Instant at) {
    LocalDate day = at.atZone(schedule.zone()).toLocalDate();
    ReportWeek week = ReportWeek.of(day).previous();
    // the reporting week's due time has one home, the report feature's: 迟报 there and here agree
    Instant due = reports.dueOf(week);
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
