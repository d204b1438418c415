package io.duban.chat.stream;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * Starts one {@link StreamBot} per bot configured with {@code mode: stream} once the service is up,
 * and stops them (giving their leases up, so another instance takes over at once) when it shuts
 * down. Each instance runs every stream bot's supervisor; the lease decides which one connects.
 */
@Component
class StreamSupervisor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamSupervisor.class);
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

  private final List<StreamBot> bots = new ArrayList<>();
  private volatile Disposable.Composite running = Disposables.composite();
  private volatile boolean started;

  StreamSupervisor(
      List<StreamConnector> connectors,
      StreamLease lease,
      StreamProperties properties,
      MeterRegistry meters,
      ApplicationEventPublisher events) {
    String owner = ownerName();
    for (StreamConnector connector : connectors) {
      for (String id : connector.streamBots()) {
        bots.add(new StreamBot(connector, id, lease, properties, owner, meters, events));
      }
    }
  }

  /** The stream bots of this instance, for readiness. */
  List<StreamBot> bots() {
    return List.copyOf(bots);
  }

  @Override
  public void start() {
    running = Disposables.composite();
    for (StreamBot bot : bots) {
      running.add(bot.run().subscribe());
    }
    started = true;
    if (!bots.isEmpty()) {
      log.info("Stream bots on this instance: {}", bots.stream().map(StreamBot::id).toList());
    }
  }

  /** The lifecycle's stop is the one blocking edge here: it waits briefly for the releases. */
  @Override
  public void stop() {
    running.dispose();
    started = false;
    Flux.fromIterable(bots)
        .flatMap(bot -> bot.release().onErrorComplete())
        .then()
        .block(RELEASE_WAIT);
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** This process among all instances: host and pid to read, a random part to be unique. */
  private static String ownerName() {
    String process = ManagementFactory.getRuntimeMXBean().getName();
    return process + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
