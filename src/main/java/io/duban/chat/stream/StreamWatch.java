package io.duban.chat.stream;

import io.duban.chat.Platform;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether each stream bot has a connection on any instance, read from the shared lease table (so
 * every instance tells the same): refreshed every {@code lease-renew} for the gauges {@code
 * duban.stream.down} (1 once a bot has had no connection anywhere for longer than {@code
 * down-threshold}) and {@code duban.stream.unconnected.seconds}, and on each readiness check. A bot
 * never leased yet counts as without a connection since this instance started.
 */
@Component
class StreamWatch implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamWatch.class);

  /**
   * One bot as every instance sees it.
   *
   * @param unconnected how long it has had no connection on any instance; zero while it has one
   * @param down true once that is longer than {@code down-threshold}
   */
  record Reading(Duration unconnected, boolean down) {}

  private final StreamSupervisor supervisor;
  private final StreamLease lease;
  private final StreamProperties properties;
  private final Clock clock;
  private final Instant started;
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();
  private volatile Disposable refreshing;

  StreamWatch(
      StreamSupervisor supervisor,
      StreamLease lease,
      StreamProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.supervisor = supervisor;
    this.lease = lease;
    this.properties = properties;
    this.clock = clock;
    this.started = clock.instant();
    for (StreamBot bot : supervisor.bots()) {
      String key = key(bot.platform(), bot.id());
      String[] tags = {"platform", bot.platform().key(), "bot", bot.id()};
      Gauge.builder(
              "duban.stream.down", readings, r -> r.containsKey(key) && r.get(key).down() ? 1 : 0)
          .description(
              "1 once the bot has had no connection on any instance for longer than down-threshold")
          .tags(tags)
          .register(meters);
      Gauge.builder(
              "duban.stream.unconnected.seconds",
              readings,
              r -> r.containsKey(key) ? r.get(key).unconnected().toSeconds() : 0)
          .description("seconds the bot has had no connection on any instance; 0 while it has one")
          .baseUnit("seconds")
          .tags(tags)
          .register(meters);
    }
  }

  /** Reads the lease table now: each stream bot of this instance by {@code platform/bot}. */
  Mono<Map<String, Reading>> refresh() {
    return lease.states().collectMap(state -> key(state.platform(), state.bot())).map(this::judge);
  }

  private Map<String, Reading> judge(Map<String, StreamLease.State> states) {
    Map<String, Reading> judged = new LinkedHashMap<>();
    for (StreamBot bot : supervisor.bots()) {
      String key = key(bot.platform(), bot.id());
      StreamLease.State state = states.get(key);
      Instant now = state == null ? clock.instant() : state.now();
      Instant downSince = state == null ? started : state.downSince();
      Duration gone =
          downSince == null || downSince.isAfter(now)
              ? Duration.ZERO
              : Duration.between(downSince, now);
      boolean down =
          downSince != null
              && !properties.downThreshold().isZero()
              && gone.compareTo(properties.downThreshold()) > 0;
      judged.put(key, new Reading(downSince == null ? Duration.ZERO : gone, down));
    }
    readings.putAll(judged);
    return judged;
  }

  static String key(Platform platform, String bot) {
    return platform.key() + "/" + bot;
  }

  @Override
  public void start() {
    if (supervisor.bots().isEmpty()) {
      return;
    }
    refreshing =
        Flux.interval(Duration.ZERO, properties.leaseRenew())
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    refresh()
                        .onErrorResume(
                            e -> {
                              log.debug("Stream bots' lease table not read: {}", e.toString());
                              return Mono.empty();
                            }))
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = refreshing;
    if (running != null) {
      running.dispose();
    }
    refreshing = null;
  }

  @Override
  public boolean isRunning() {
    return refreshing != null;
  }
}
