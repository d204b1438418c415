package io.duban.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Logs refusals (429s) as a few lines instead of one per refusal, which a burst turns into
 * thousands: the first refusal of a quiet period is logged at once, so an operator sees it start;
 * the rest are counted and summed up in one line per {@code period} with the busiest sources.
 */
final class RefusalSummary implements AutoCloseable {

  /** Sources kept per period; the count of all refusals stays exact beyond it. */
  private static final int MAX_SOURCES = 1_000;

  private final String what;
  private final Logger log;
  private final Clock clock;
  private final Duration period;
  private final Map<String, Integer> sources = new HashMap<>();
  private final Disposable ticker;
  private Instant started;
  private long count;

  RefusalSummary(String what, Logger log, Clock clock, Duration period) {
    this.what = what;
    this.log = log;
    this.clock = clock;
    this.period = period;
    this.ticker = Flux.interval(period, period).subscribe(tick -> flushIfDue());
  }

  /** Counts one refusal of {@code source}, logging it when it is the first of a quiet period. */
  synchronized void refused(String source) {
    flushIfDue();
    if (started == null) {
      started = clock.instant();
      log.warn(
          "{} refused for source {}; further refusals are summed up every {}",
          what,
          source,
          period);
      return;
    }
    count++;
    if (sources.size() < MAX_SOURCES || sources.containsKey(source)) {
      sources.merge(source, 1, Integer::sum);
    }
  }

  /** Writes the summary line when the period has passed; a period without refusals ends quietly. */
  synchronized void flushIfDue() {
    if (started == null || clock.instant().isBefore(started.plus(period))) {
      return;
    }
    if (count > 0) {
      String busiest =
          sources.entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
              .limit(5)
              .map(e -> e.getKey() + " ×" + e.getValue())
              .collect(Collectors.joining(", "));
      log.warn(
          "{} refused {} more times in the last {} from {} sources (busiest: {})",
          what,
          count,
          Duration.between(started, clock.instant()).withNanos(0),
          sources.size(),
          busiest);
      // refusals go on: the next period starts now and is summed up in its turn
      started = clock.instant();
    } else {
      started = null;
    }
    count = 0;
    sources.clear();
  }

  @Override
  public void close() {
    ticker.dispose();
  }
}
