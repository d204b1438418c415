package io.duban.chat.stream;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The stream bots in health ({@code streams}, also in the readiness group): each bot's state as
 * every instance sees it ({@link StreamWatch}). A bot without a connection anywhere past {@code
 * duban.chat.stream.down-threshold} is reported in the details and by {@code duban.stream.down},
 * and turns the indicator DOWN only with {@code fail-readiness: true}: it would turn every instance
 * DOWN at once, taking the whole service (dashboards, the other bots' callbacks) out of a load
 * balancer for a connection no instance could open.
 */
@Component("streams")
class StreamHealth implements ReactiveHealthIndicator {

  private final StreamSupervisor supervisor;
  private final StreamWatch watch;
  private final StreamProperties properties;

  StreamHealth(StreamSupervisor supervisor, StreamWatch watch, StreamProperties properties) {
    this.supervisor = supervisor;
    this.watch = watch;
    this.properties = properties;
  }

  @Override
  public Mono<Health> health() {
    if (supervisor.bots().isEmpty() || properties.downThreshold().isZero()) {
      return Mono.just(Health.up().build());
    }
    return watch.refresh().map(this::judge);
  }

  private Health judge(Map<String, StreamWatch.Reading> readings) {
    Health.Builder health = Health.up();
    boolean down = false;
    for (Map.Entry<String, StreamWatch.Reading> bot : readings.entrySet()) {
      StreamWatch.Reading reading = bot.getValue();
      down |= reading.down();
      health.withDetail(
          bot.getKey(),
          reading.unconnected().isZero()
              ? "connected"
              : (reading.down() ? "down: " : "")
                  + "no connection for "
                  + reading.unconnected().toSeconds()
                  + "s");
    }
    if (down && properties.failReadiness()) {
      health.down();
    }
    return health.build();
  }
}
