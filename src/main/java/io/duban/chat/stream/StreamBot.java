package io.duban.chat.stream;

import io.duban.chat.Platform;
import io.duban.chat.StreamPresence;
import io.duban.system.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One stream bot on this instance: it waits for the bot's lease, and while it holds it keeps one
 * connection open (reconnecting with the project's capped exponential backoff with jitter, a fresh
 * ticket each time), renews the lease, and leaves the connection the moment the lease is lost. A
 * displaced connection (the platform says another took over) is not reopened at once: the bot
 * stands back, keeping its lease so no other instance jumps in, for the longer of the lease's time
 * and the longest reconnect wait, so two holders do not take the bot from each other in turns.
 */
final class StreamBot implements StreamLink {

  private static final Logger log = LoggerFactory.getLogger(StreamBot.class);

  private final Platform platform;
  private final String id;
  private final StreamConnector connector;
  private final StreamLease lease;
  private final StreamProperties properties;
  private final String owner;
  private final Backoff backoff;
  private final AtomicBoolean up = new AtomicBoolean();
  private final AtomicBoolean holding = new AtomicBoolean();
  private final AtomicBoolean displaced = new AtomicBoolean();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong lastHeard = new AtomicLong(System.nanoTime());
  private final Counter reconnects;
  private final ApplicationEventPublisher events;

  StreamBot(
      StreamConnector connector,
      String id,
      StreamLease lease,
      StreamProperties properties,
      String owner,
      MeterRegistry meters,
      ApplicationEventPublisher events) {
    this.events = events;
    this.platform = connector.platform();
    this.id = id;
    this.connector = connector;
    this.lease = lease;
    this.properties = properties;
    this.owner = owner;
    this.backoff =
        new Backoff(
            properties.reconnectInitial(), properties.reconnectMax(), RandomGenerator.getDefault());
    String[] tags = {"platform", platform.key(), "bot", id};
    Gauge.builder("duban.stream.connected", up, held -> held.get() ? 1 : 0)
        .description("1 while this instance holds the bot's connection open")
        .tags(tags)
        .register(meters);
    Gauge.builder("duban.stream.owner", holding, held -> held.get() ? 1 : 0)
        .description("1 while this instance holds the bot's lease")
        .tags(tags)
        .register(meters);
    Gauge.builder("duban.stream.last.message.age", this, StreamBot::lastHeardSeconds)
        .description("seconds since the platform last sent anything down the bot's connection")
        .baseUnit("seconds")
        .tags(tags)
        .register(meters);
    this.reconnects =
        Counter.builder("duban.stream.reconnects")
            .description("connections of the bot opened again after one ended or failed")
            .tags(tags)
            .register(meters);
  }

  Platform platform() {
    return platform;
  }

  String id() {
    return id;
  }

  /** Runs until cancelled: waits for the lease, holds the connection, and again. */
  Mono<Void> run() {
    return Mono.defer(this::cycle)
        .onErrorResume(
            e -> {
              log.warn(
                  "Stream bot {}/{}: lease check failed: {}", platform.key(), id, e.toString());
              return Mono.delay(properties.leaseRenew()).then();
            })
        .repeat()
        .then();
  }

  /** Gives the lease up when this instance holds it (a clean shutdown). */
  Mono<Void> release() {
    return lease.release(platform, id, owner);
  }

  private Mono<Void> cycle() {
    if (displaced.getAndSet(false)) {
      return standBack();
    }
    return lease
        .acquire(platform, id, owner, properties.leaseTtl())
        .flatMap(held -> held ? hold() : Mono.delay(properties.leaseRenew()).then());
  }

  /**
   * After a displacement: no connection for the longer of the lease's time and the longest
   * reconnect wait, while this instance keeps renewing the lease (as not connected), so that no
   * other instance of this deployment takes the bot back at once either. A lost lease ends the wait
   * early; the bot then competes for it as usual.
   */
  private Mono<Void> standBack() {
    Duration wait =
        properties.reconnectMax().compareTo(properties.leaseTtl()) > 0
            ? properties.reconnectMax()
            : properties.leaseTtl();
    log.info(
        "Stream bot {}/{}: displaced by another connection; standing back for {} (lease kept)",
        platform.key(),
        id,
        wait);
    Mono<Void> leaseKept =
        Mono.delay(properties.leaseRenew())
            .then(
                Mono.defer(
                    () ->
                        lease
                            .renew(platform, id, owner, properties.leaseTtl(), false)
                            .onErrorReturn(false)))
            .repeat()
            .takeWhile(held -> held)
            .then();
    return Mono.firstWithSignal(Mono.delay(wait).then(), leaseKept);
  }

  private Mono<Void> hold() {
    log.info(
        "Stream bot {}/{}: this instance ({}) holds the connection", platform.key(), id, owner);
    holding.set(true);
    failures.set(0);
    Mono<Void> connection =
        Mono.defer(() -> connector.connect(id, this))
            .then(Mono.<Void>error(new ConnectionEnded("closed by the platform")))
            // a displaced connection completes the companion: this holding ends without a reconnect
            .retryWhen(
                Retry.from(
                    signals ->
                        signals
                            .takeWhile(signal -> !displaced.get())
                            .concatMap(this::waitBeforeReconnect)));
    // one renewal after another, each a renew interval after the last ended (a slow database
    // delays the next renewal rather than piling them up)
    Mono<Void> leaseLost =
        Mono.delay(properties.leaseRenew())
            .then(
                Mono.defer(
                    () ->
                        lease
                            .renew(platform, id, owner, properties.leaseTtl(), up.get())
                            .onErrorReturn(false)))
            .repeat()
            .filter(held -> !held || displaced.get())
            .next()
            .then();
    return Mono.firstWithSignal(connection, leaseLost)
        .doFinally(
            signal -> {
              up.set(false);
              holding.set(false);
              log.info("Stream bot {}/{}: this instance left the connection", platform.key(), id);
            });
  }

  private Mono<Long> waitBeforeReconnect(Retry.RetrySignal signal) {
    up.set(false);
    Duration wait = backoff.after(failures.incrementAndGet());
    log.warn(
        "Stream bot {}/{}: connection ended ({}); opening it again in {} ms",
        platform.key(),
        id,
        signal.failure().toString(),
        wait.toMillis());
    reconnects.increment();
    return Mono.delay(wait);
  }

  @Override
  public void connected() {
    up.set(true);
    failures.set(0);
    lastHeard.set(System.nanoTime());
    log.info("Stream bot {}/{}: connected", platform.key(), id);
    // the lease says connected first, so that every instance's outbox sees a holder, then the
    // messages that waited for one are due now
    lease
        .renew(platform, id, owner, properties.leaseTtl(), true)
        .onErrorReturn(false)
        .subscribe(held -> events.publishEvent(new StreamPresence.Connected(platform, id)));
  }

  @Override
  public void received() {
    lastHeard.set(System.nanoTime());
  }

  @Override
  public void displaced() {
    displaced.set(true);
  }

  boolean up() {
    return up.get();
  }

  private double lastHeardSeconds() {
    return (System.nanoTime() - lastHeard.get()) / 1e9;
  }

  /** A connection the platform closed: opened again like a broken one. */
  static final class ConnectionEnded extends RuntimeException {
    ConnectionEnded(String message) {
      super(message, null, false, false);
    }
  }
}
