package io.duban.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;

/** Reports held in memory; a report exists only once the clock has passed its time. */
final class FakeReportFacts implements ReportFacts {

  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private final Clock clock;

  FakeReportFacts(Clock clock) {
    this.clock = clock;
  }

  void add(Report r) {
    reports.add(r);
  }

  void clear() {
    reports.clear();
  }

  private List<Report> visible() {
    Instant now = clock.instant();
    return reports.stream()
        .filter(r -> !r.reportedAt().isAfter(now))
        .sorted(Comparator.comparing(Report::reportedAt))
        .toList();
  }

  @Override
  public Flux<Report> latestPerItem(Instant before) {
    Map<String, Report> latest =
        visible().stream()
            .filter(r -> r.reportedAt().isBefore(before))
            .collect(Collectors.toMap(Report::itemCode, Function.identity(), (a, b) -> b));
    return Flux.fromIterable(latest.values());
  }

  @Override
  public Flux<Report> inPeriod(String period) {
    return Flux.fromIterable(visible()).filter(r -> r.period().equals(period));
  }
}
