package io.duban.schedule;

import io.duban.bulletin.Bulletins;
import io.duban.digest.WeeklyDigests;
import io.duban.report.ReportService;
import io.duban.report.ReportWeek;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A DIGEST fire: asks the digest feature for the week before the fire's day, to the target's
 * groups. What the digest says is the digest feature's; when it goes out is the schedule's. To the
 * leaders' groups the week's 督查通报 follows (a file or a link, see {@link Bulletins}) unless {@code
 * duban.bulletin.send-with-digest} is off; a 通报 that cannot be written leaves the digest alone.
 */
@Component
class DigestPlanner implements FirePlanner {

  private static final Logger log = LoggerFactory.getLogger(DigestPlanner.class);

  private final WeeklyDigests digests;
  private final UnitService units;
  private final ReportService reports;
  private final Bulletins bulletins;

  DigestPlanner(
      WeeklyDigests digests, UnitService units, ReportService reports, Bulletins bulletins) {
    this.digests = digests;
    this.units = units;
    this.reports = reports;
    this.bulletins = bulletins;
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
    String audience = schedule.target().text();
    return groups(schedule.target())
        .collectList()
        .flatMap(
            groups ->
                digests
                    .messages(week, due, groups, audience)
                    .map(
                        messages ->
                            messages.stream()
                                .map(m -> new Dispatch(m.group(), m.message(), m.dedupeKey()))
                                .toList())
                    .zipWith(bulletin(schedule.target(), week, groups, audience)))
        .map(
            t -> {
              List<Dispatch> all = new ArrayList<>(t.getT1());
              all.addAll(t.getT2());
              return all;
            });
  }

  private Mono<List<Dispatch>> bulletin(
      ScheduleTarget target, ReportWeek week, List<GroupChat> groups, String audience) {
    if (!(target instanceof ScheduleTarget.Leaders) || !bulletins.sendsWithDigest()) {
      return Mono.just(List.of());
    }
    return bulletins
        .messages(week, groups, audience)
        .map(
            messages ->
                messages.stream()
                    .map(m -> new Dispatch(m.group(), m.message(), m.dedupeKey()))
                    .toList())
        .onErrorResume(
            e -> {
              log.warn("Bulletin for {} not written: {}", week, e.toString());
              return Mono.just(List.of());
            });
  }

  private Flux<GroupChat> groups(ScheduleTarget target) {
    if (target instanceof ScheduleTarget.OneUnit one) {
      return units.groups(one.code());
    }
    return target instanceof ScheduleTarget.Units ? units.allGroups() : units.leaderGroups();
  }
}
