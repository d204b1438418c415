package io.duban.delivery;

import io.duban.chat.PlatformSender;
import io.duban.chat.SendFailure;
import io.duban.chat.StreamPresence;
import io.duban.system.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends due outbox messages: claims them ({@code FOR UPDATE SKIP LOCKED}, so instances share the
 * work), takes a rate-limit permit for the destination, sends, and records the outcome. Retryable
 * failures come back after an exponential backoff with jitter; after the last attempt, or on a
 * permanent failure, a message is DEAD. A platform's rate-limit refusal (WeCom 45009) is no
 * attempt: the message and the rest of its bucket wait until the bucket's window frees.
 */
@Component
class OutboxDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /**
   * How soon a message only another instance can send is claimable again while some instance holds
   * its bot's connection; while none does, the first wait of a backoff capped at {@link
   * #ELSEWHERE_MAX} (a connection opening makes it due at once).
   */
  private static final Duration ELSEWHERE = Duration.ofSeconds(2);

  /** The longest wait of a message whose bot's connection no instance holds. */
  private static final Duration ELSEWHERE_MAX = Duration.ofMinutes(1);

  private final OutboxRepository repository;
  private final RateLimiter rateLimiter;
  private final PlatformSenders senders;
  private final DeliveryProperties properties;
  private final Backoff backoff;
  private final Clock clock;
  private final MeterRegistry meters;
  private final OutboxWakeUp wakeUp;
  private final OutboxListener listener;
  private final DispatcherLease lease;
  private final StreamPresence presence;
  private final Backoff elsewhere =
      new Backoff(ELSEWHERE, ELSEWHERE_MAX, RandomGenerator.getDefault());
  private final Sinks.Many<Boolean> timer = Sinks.many().multicast().directBestEffort();
  private volatile Disposable polling;
  private Instant timerAt;
  private Disposable pending;

  OutboxDispatcher(
      OutboxRepository repository,
      RateLimiter rateLimiter,
      PlatformSenders senders,
      DeliveryProperties properties,
      Backoff backoff,
      Clock clock,
      MeterRegistry meters,
      OutboxWakeUp wakeUp,
      OutboxListener listener,
      DispatcherLease lease,
      StreamPresence presence) {
    this.lease = lease;
    this.presence = presence;
    this.meters = meters;
    this.wakeUp = wakeUp;
    this.listener = listener;
    this.repository = repository;
    this.rateLimiter = rateLimiter;
    this.senders = senders;
    this.properties = properties;
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * Sends what is due now, one batch; emits how many messages were sent or failed (those postponed
   * by a rate limit are not counted, so a backlog waiting for its limit does not keep the rounds
   * spinning). The round's claim, its permits for all its buckets ({@link RateLimiter}) and the
   * putting off of what the limits hold back are one transaction, committed before any send;
   * messages of one rate bucket (one robot or app) go one after another in queue order, so the
   * parts of a long text arrive in order; up to {@code send-concurrency} buckets at once; the
   * messages sent are marked SENT by one statement at the end of the round.
   */
  Mono<Long> dispatchDue() {
    Instant now = clock.instant();
    boolean renew = !lease.fresh();
    long begun = System.nanoTime();
    Mono<Round> taken =
        repository
            .claim(now, now.minus(properties.stuckAfter()), properties.batchSize(), lease, renew)
            .collect(
                Collectors.groupingBy(
                    OutboxMessage::rateKey, LinkedHashMap::new, Collectors.toList()))
            .flatMap(buckets -> buckets.isEmpty() ? Mono.just(Round.NONE) : take(buckets, now));
    return rateLimiter
        .inCheckpoint(taken)
        .doOnNext(
            round -> {
              // only once the renewal committed: a rolled-back one must not make the lease look
              // fresh
              if (renew) {
                lease.renewedSince(begun);
              }
              round.until().stream().min(Instant::compareTo).ifPresent(this::dueAgainAt);
            })
        .flatMap(round -> round.sending().isEmpty() ? Mono.just(0L) : send(round));
  }

  /**
   * Whether a transaction committing here may claim its replies at commit and send them at once
   * ({@link #queueAtCommit}): the dispatcher runs here and its lease holds.
   */
  boolean sendsAtCommit() {
    return properties.dispatcherEnabled() && lease.holds();
  }

  /**
   * What a transaction queued at its commit: the messages it claimed to send once it has committed,
   * whether it left any due now for a round, and the earliest it put off to a bucket's window.
   */
  record AtCommit(List<OutboxMessage> claimed, boolean dueNow, Instant later) {
    static final AtCommit NONE = new AtCommit(List.of(), false, null);
  }

  /**
   * Queues {@code rows} in the current transaction, just before it commits, claiming for this
   * instance those that may go at once: their bucket has nothing queued before them and a permit
   * free now. One statement locks and reads the buckets' windows and says which have messages
   * waiting, so the permits are granted under the same invariant as a round's ({@link
   * RateLimiter}); the rows' statement records them in the buckets and they commit together. The
   * rest are queued PENDING, due when their bucket's window frees, for the rounds. A reply then
   * leaves when its message's transaction commits ({@link #sendAtCommit}), without a round's claim
   * and checkpoint transaction and without waiting behind other buckets' sends.
   */
  Mono<AtCommit> queueAtCommit(List<OutboxRepository.NewMessage> rows, Instant now) {
    if (rows.isEmpty()) {
      return Mono.just(AtCommit.NONE);
    }
    Map<String, List<Integer>> buckets = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      buckets.computeIfAbsent(rows.get(i).rateKey(), k -> new ArrayList<>()).add(i);
    }
    Map<String, RateLimiter.Request> requests = new LinkedHashMap<>();
    buckets.forEach(
        (key, indexes) ->
            requests.put(
                key,
                new RateLimiter.Request(
                    senders.rateLimit(rows.get(indexes.get(0)).destination().platform()),
                    indexes.size())));
    RateLimiter.Asking asking = rateLimiter.ask(requests, now);
    return repository
        .lockBuckets(asking.asked().keySet(), buckets.keySet(), now)
        .collectList()
        .map(
            states -> {
              // a busy bucket's rows queue behind what waits there: no grant, due now
              Map<String, List<Instant>> windows = new java.util.HashMap<>();
              Map<String, RateLimiter.Request> asked = new LinkedHashMap<>(asking.asked());
              Map<String, RateLimiter.Grant> answered = new java.util.HashMap<>(asking.answered());
              for (OutboxRepository.BucketState state : states) {
                if (state.busy()) {
                  asked.remove(state.key());
                  answered.remove(state.key());
                } else if (state.window() != null) {
                  windows.put(state.key(), state.window());
                }
              }
              return rateLimiter.decide(new RateLimiter.Asking(asked, answered), windows, now);
            })
        .flatMap(
            checkpoint -> {
              List<Instant> dueAt = plan(rows, buckets, checkpoint.grants(), now);
              return repository
                  .insertClaiming(rows, dueAt, now, lease.instance(), checkpoint.permits())
                  .collectList()
                  .map(
                      claimed ->
                          new AtCommit(
                              claimed,
                              dueAt.stream().anyMatch(now::equals),
                              dueAt.stream()
                                  .filter(t -> t != null && t.isAfter(now))
                                  .min(Instant::compareTo)
                                  .orElse(null)));
            });
  }

  /**
   * Per row of {@link #queueAtCommit}, null when it is claimed to go at commit, else when it is
   * due: a busy bucket's rows now, behind what waits there; a granted bucket's first rows go, the
   * rest wait for the window.
   */
  private static List<Instant> plan(
      List<OutboxRepository.NewMessage> rows,
      Map<String, List<Integer>> buckets,
      Map<String, RateLimiter.Grant> grants,
      Instant now) {
    Instant[] dueAt = new Instant[rows.size()];
    buckets.forEach(
        (key, indexes) -> {
          RateLimiter.Grant grant = grants.get(key);
          for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            if (grant == null) {
              dueAt[i] = now;
            } else if (k < grant.granted()) {
              dueAt[i] = null;
            } else {
              dueAt[i] = grant.waitUntil().get(k - grant.granted());
            }
          }
        });
    return java.util.Arrays.asList(dueAt);
  }

  /**
   * Once the transaction of {@link #queueAtCommit} has committed: sends what it claimed, bucket by
   * bucket in queue order, different buckets at once, and marks them sent in one statement; wakes a
   * round for what it left due now, and this instance's timer for what it put off.
   */
  void sendAtCommit(AtCommit queued) {
    if (queued.dueNow()) {
      wakeUp.wake();
    }
    if (queued.later() != null) {
      dueAgainAt(queued.later());
    }
    if (queued.claimed().isEmpty()) {
      return;
    }
    Collection<List<OutboxMessage>> buckets =
        queued.claimed().stream()
            .collect(
                Collectors.groupingBy(
                    OutboxMessage::rateKey, LinkedHashMap::new, Collectors.toList()))
            .values();
    Flux.fromIterable(buckets)
        .flatMap(queue -> Flux.fromIterable(queue).concatMap(this::send))
        .collectList()
        .flatMap(this::record)
        .subscribe(
            sent -> {},
            // the rows stay claimed: this instance's lease lapsing, or stuck-after, frees them
            e -> log.warn("Outbox messages sent at commit not recorded: {}", e.toString()));
  }

  /** A round's messages that may go now, per bucket, and when those held back are due again. */
  private record Round(List<List<OutboxMessage>> sending, List<Instant> until) {
    static final Round NONE = new Round(List.of(), List.of());
  }

  /**
   * Takes the permits for the claimed {@code buckets} and puts off what the limits hold back, in
   * the round's transaction.
   */
  private Mono<Round> take(Map<String, List<OutboxMessage>> buckets, Instant now) {
    Map<String, RateLimiter.Request> requests = new LinkedHashMap<>();
    buckets.forEach(
        (key, queue) ->
            requests.put(
                key,
                new RateLimiter.Request(
                    senders.rateLimit(queue.get(0).destination().platform()), queue.size())));
    return rateLimiter
        .acquire(requests, now)
        .flatMap(
            grants -> {
              List<OutboxMessage> waiting = new ArrayList<>();
              List<Instant> until = new ArrayList<>();
              List<List<OutboxMessage>> sending = new ArrayList<>();
              buckets.forEach(
                  (key, queue) -> {
                    RateLimiter.Grant grant = grants.get(key);
                    if (grant.granted() > 0) {
                      sending.add(queue.subList(0, grant.granted()));
                    }
                    waiting.addAll(queue.subList(grant.granted(), queue.size()));
                    until.addAll(grant.waitUntil());
                  });
              return repository
                  .postponeAll(waiting.stream().map(OutboxMessage::id).toList(), until)
                  .thenReturn(new Round(sending, until));
            });
  }

  private Mono<Long> send(Round round) {
    return Flux.fromIterable(round.sending())
        .flatMap(
            queue -> Flux.fromIterable(queue).concatMap(this::send), properties.sendConcurrency())
        .collectList()
        .flatMap(this::record);
  }

  /**
   * Marks the round's successful sends SENT at once and puts back those not started (the lease was
   * not sure to hold); emits how many sends were attempted.
   */
  private Mono<Long> record(List<Outcome> outcomes) {
    List<Outcome> sent = outcomes.stream().filter(Outcome::sent).toList();
    List<Long> unsent =
        outcomes.stream().filter(o -> !o.attempted()).map(o -> o.message().id()).toList();
    Instant now = clock.instant();
    return repository
        .markAllSent(
            sent.stream().map(o -> o.message().id()).toList(),
            sent.stream().map(Outcome::attempt).toList(),
            now)
        .doOnSuccess(done -> sent.forEach(o -> count(o.message(), "sent")))
        .then(repository.postponeAll(unsent, java.util.Collections.nCopies(unsent.size(), now)))
        .thenReturn(outcomes.stream().filter(Outcome::attempted).count());
  }

  /**
   * A send's result: {@code sent} true when the platform took it; {@code attempted} false when it
   * was not started; else its failure was already recorded.
   */
  private record Outcome(OutboxMessage message, int attempt, boolean sent, boolean attempted) {
    Outcome(OutboxMessage message, int attempt, boolean sent) {
      this(message, attempt, sent, true);
    }
  }

  /**
   * Rounds until the queue is drained: a round that claimed a full batch is followed at once by the
   * next instead of waiting for the next poll.
   */
  private Mono<Long> drain() {
    return round()
        .expand(handled -> handled >= properties.batchSize() ? round() : Mono.empty())
        .reduce(0L, Long::sum);
  }

  private Mono<Long> round() {
    return dispatchDue()
        .onErrorResume(
            e -> {
              log.warn("Outbox dispatch round failed: {}", e.toString());
              return Mono.just(0L);
            });
  }

  private Mono<Outcome> send(OutboxMessage m) {
    PlatformSender sender = senders.get(m.destination().platform());
    int attempt = m.attempts() + 1;
    if (!lease.holds()) {
      // this instance has not renewed its lease lately: another may take the message over soon,
      // so it is not sent from here (the platform would have it twice)
      return Mono.just(new Outcome(m, attempt, false, false));
    }
    if (sender == null) {
      return repository
          .markDead(m.id(), attempt, "no sender for " + m.destination().platform())
          .thenReturn(new Outcome(m, attempt, false));
    }
    Instant refusedUntil = rateLimiter.refusedUntil(m.rateKey(), clock.instant());
    if (refusedUntil != null) {
      // the platform refused an earlier message of this bucket in this round (window full): this
      // one would be refused too, so it waits for the window with its permit unused
      return repository
          .postponeAll(List.of(m.id()), List.of(refusedUntil))
          .thenReturn(new Outcome(m, attempt, false));
    }
    return sender
        .send(m.destination(), m.message())
        .timeout(properties.sendTimeout().multipliedBy(3))
        .then(Mono.fromSupplier(() -> new Outcome(m, attempt, true)))
        .onErrorResume(e -> failed(m, attempt, e).thenReturn(new Outcome(m, attempt, false)));
  }

  private void count(OutboxMessage m, String result) {
    meters
        .counter(
            "duban.outbox.sends", "platform", m.destination().platform().key(), "result", result)
        .increment();
  }

  private Mono<Void> failed(OutboxMessage m, int attempt, Throwable e) {
    boolean retryable = !(e instanceof SendFailure f) || f.retryable();
    String error = e instanceof SendFailure ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof SendFailure f && f.elsewhere()) {
      // another instance holds the connection it goes down: its next round sends it; the attempt
      // budget is for the platform's refusals, not for which instance claimed the row
      count(m, "elsewhere");
      return elsewhereWait(m)
          .flatMap(
              wait ->
                  repository.retryLater(m.id(), m.attempts(), clock.instant().plus(wait), error));
    }
    if (e instanceof SendFailure f && f.rateLimited()) {
      // the platform counts the bucket full (its window, or sends it saw that the permits here do
      // not): the message waits for the window to free, and its attempts are for real failures
      count(m, "rate_limited");
      Instant free =
          rateLimiter.refused(
              m.rateKey(), senders.rateLimit(m.destination().platform()), clock.instant());
      dueAgainAt(free);
      log.info(
          "Outbox message {} to {} refused by the platform's rate limit, waiting until {}: {}",
          m.id(),
          m.destination().describe(),
          free,
          error);
      return repository.retryLater(m.id(), m.attempts(), free, error);
    }
    if (!retryable || attempt >= properties.maxAttempts()) {
      log.warn(
          "Outbox message {} to {} is DEAD after {} attempt(s): {}",
          m.id(),
          m.destination().describe(),
          attempt,
          error);
      count(m, "dead");
      return repository.markDead(m.id(), attempt, error);
    }
    count(m, "retry");
    Instant next = clock.instant().plus(backoff.after(attempt));
    dueAgainAt(next);
    log.info(
        "Outbox message {} to {} failed (attempt {}), retrying at {}: {}",
        m.id(),
        m.destination().describe(),
        attempt,
        next,
        error);
    return repository.retryLater(m.id(), attempt, next, error);
  }

  /**
   * How long a message only the holder of its bot's connection can send waits: {@link #ELSEWHERE}
   * while some instance holds it connected (that instance's next round sends it), else longer with
   * each bounce in a row, up to about {@link #ELSEWHERE_MAX}, rather than every 2 s while the bot
   * is down; the connection opening makes it due at once ({@link #streamConnected}).
   */
  private Mono<Duration> elsewhereWait(OutboxMessage m) {
    return presence
        .connectedAnywhere(m.destination().platform(), m.destination().botId())
        .onErrorReturn(false)
        .flatMap(
            live ->
                repository
                    .bounceElsewhere(m.id(), live)
                    .map(bounces -> live ? ELSEWHERE : elsewhere.after(bounces)));
  }

  /**
   * A stream bot's connection opened here: what waited for a holder of it is due now, and a round
   * runs at once to send it (this instance holds the connection).
   */
  @EventListener
  void streamConnected(StreamPresence.Connected connected) {
    wake(connected)
        .filter(woken -> woken && polling != null)
        .subscribe(woken -> timer.tryEmitNext(Boolean.TRUE));
  }

  /** Makes what waited for {@code connected}'s holder due now; true when there was any. */
  private Mono<Boolean> wake(StreamPresence.Connected connected) {
    return repository
        .wakeElsewhere(connected.platform(), connected.botId(), clock.instant())
        .map(woken -> woken > 0)
        .onErrorResume(
            e -> {
              log.warn(
                  "Outbox messages waiting for {}/{} not woken: {}",
                  connected.platform().key(),
                  connected.botId(),
                  e.toString());
              return Mono.just(false);
            });
  }

  /**
   * Runs rounds when woken: at the commit of a message queued here ({@link OutboxWakeUp}), at a
   * notification from another instance's commit ({@link OutboxListener}), when a message this
   * instance put off (rate limit, retry) comes due, and at each {@code poll-interval} as a
   * fallback. Wake-ups that come during a round are folded into one more round after it.
   */
  @Override
  public void start() {
    if (!properties.dispatcherEnabled()) {
      log.info("Outbox dispatcher disabled");
      return;
    }
    polling =
        Flux.merge(
                Flux.interval(properties.pollInterval()).map(tick -> Boolean.TRUE),
                wakeUp.signals(),
                listener.signals(),
                // another instance's lease lapsed: its claims are ours to take now
                lease.heartbeat(),
                timer.asFlux())
            .onBackpressureLatest()
            .concatMap(signal -> drain(), 1)
            .subscribe();
  }

  /**
   * Wakes a round at {@code at}, a time this instance put a message off to, unless one is set
   * earlier already.
   */
  private void dueAgainAt(Instant at) {
    if (polling == null) {
      return;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (timerAt != null && timerAt.isAfter(now) && !timerAt.isAfter(at)) {
        return;
      }
      timerAt = at;
      Disposable previous = pending;
      pending =
          Mono.delay(Duration.between(now, at).plusMillis(5).abs())
              .subscribe(
                  t ->
                      timer.emitNext(
                          Boolean.TRUE,
                          Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(50))));
      if (previous != null) {
        previous.dispose();
      }
    }
  }

  @Override
  public void stop() {
    Disposable p = polling;
    if (p != null) {
      p.dispose();
    }
    polling = null;
    synchronized (this) {
      if (pending != null) {
        pending.dispose();
      }
    }
    if (p != null) {
      // what this instance still held is free for the others at once, not when the lease lapses
      lease
          .release()
          .onErrorResume(
              e -> {
                log.warn("Dispatcher lease not released: {}", e.toString());
                return Mono.empty();
              })
          .block(Duration.ofSeconds(5));
    }
  }

  @Override
  public boolean isRunning() {
    return polling != null && !polling.isDisposed();
  }
}
