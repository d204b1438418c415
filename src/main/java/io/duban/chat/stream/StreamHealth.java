package io.duban.chat.stream;

import io.duban.chat.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Readiness of the stream bots ({@code streams} in the readiness group): DOWN when a stream bot has
 * had no open connection on any instance for longer than {@code duban.chat.stream.down-threshold},
 * read from the shared lease table so every instance reports the same. A bot never leased yet
 * counts as down since this instance started.
 */
@Component("streams")
class StreamHealth implements ReactiveHealthIndicator {

  private final StreamSupervisor supervisor;
  private final StreamLease lease;
  private final StreamProperties properties;
  private final Instant started;
  private final Clock clock;

  StreamHealth(
      StreamSupervisor supervisor, StreamLease lease, StreamProperties properties, Clock clock) {
    this.supervisor = supervisor;
    this.lease = lease;
    this.properties = properties;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public Mono<Health> health() {
    if (supervisor.bots().isEmpty() || properties.downThreshold().isZero()) {
      return Mono.just(Health.up().build());
    }
    return lease.states().collectMap(state -> key(state.platform(), state.bot())).map(this::judge);
  }

  private Health judge(Map<String, StreamLease.State> states) {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean down = false;
    for (StreamBot bot : supervisor.bots()) {
      StreamLease.State state = states.get(key(bot.platform(), bot.id()));
      Instant now = state == null ? clock.instant() : state.now();
      Instant downSince = state == null ? started : state.downSince();
      if (downSince == null) {
        details.put(key(bot.platform(), bot.id()), "connected");
        continue;
      }
      Duration gone = Duration.between(downSince, now);
      boolean tooLong = gone.compareTo(properties.downThreshold()) > 0;
      down |= tooLong;
      details.put(
          key(bot.platform(), bot.id()),
          "no connection for " + Math.max(0, gone.toSeconds()) + "s");
    }
    return (down ? Health.down() : Health.up()).withDetails(details).build();
  }

  private static String key(Platform platform, String bot) {
    return platform.key() + "/" + bot;
  }
}
