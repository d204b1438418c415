package io.duban.schedule;

import io.duban.report.ProgressFacts;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;

/** Reports held in memory; a report exists only once the clock has passed its time. */
public final class FakeProgressFacts implements ProgressFacts {

  private static final AtomicLong IDS = new AtomicLong();

  private final List<ReportFact> reports = new CopyOnWriteArrayList<>();
  private final Clock clock;

  public FakeProgressFacts(Clock clock) {
    this.clock = clock;
  }

  void add(ReportFact r) {
    reports.add(r);
  }

  public void clear() {
    reports.clear();
  }

  /** A report as the schedule tests write them: the next id, no reporter, not late. */
  static ReportFact report(
      String item,
      String unit,
      String status,
      int percent,
      String text,
      String period,
      Instant at) {
    return new ReportFact(
        IDS.incrementAndGet(),
        item,
        unit,
        null,
        io.duban.report.ReportStatus.valueOf(status),
        percent,
        text,
        null,
        period,
        at,
        false);
  }

  private List<ReportFact> visible() {
    Instant now = clock.instant();
    return reports.stream()
        .filter(r -> !r.createdAt().isAfter(now))
        .sorted(Comparator.comparing(ReportFact::createdAt))
        .toList();
  }

  @Override
  public Flux<ReportFact> reports() {
    return Flux.fromIterable(visible());
  }

  @Override
  public Flux<ReportFact> latestPerItem(Instant before) {
    Map<String, ReportFact> latest =
        visible().stream()
            .filter(ReportFact::leads)
            .filter(r -> r.createdAt().isBefore(before))
            .collect(Collectors.toMap(ReportFact::itemCode, Function.identity(), (a, b) -> b));
    return Flux.fromIterable(latest.values());
  }

  @Override
  public Flux<ReportFact> inWeek(ReportWeek week) {
    return Flux.fromIterable(visible()).filter(r -> r.period().equals(week.toString()));
  }
}
