package io.duban.chat;

import io.duban.chat.InboundRepository.Claimed;
import io.duban.system.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands stored inbound messages to every {@link InboundMessageHandler}, in one transaction per
 * batch that claims them, runs the handlers and marks them processed. When any message of a batch
 * fails, the transaction rolls back and each message is handled again on its own, so one bad
 * message costs the others only a retry; a message that keeps failing is retried with the project's
 * {@link Backoff} and given up after {@link #MAX_ATTEMPTS}.
 */
@Component
class InboundProcessor {

  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

  static final int MAX_ATTEMPTS = 5;

  /** Handling one message takes milliseconds; a claim lives a little longer than its timeout. */
  static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

  private final InboundRepository repository;
  private final ObjectProvider<InboundMessageHandler> handlers;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Duration lease;
  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), RandomGenerator.getDefault());

  InboundProcessor(
      InboundRepository repository,
      ObjectProvider<InboundMessageHandler> handlers,
      TransactionalOperator tx,
      Clock clock,
      InboundProperties properties) {
    this.repository = repository;
    this.handlers = handlers;
    this.tx = tx;
    this.clock = clock;
    this.lease = properties.lease();
  }

  /**
   * Handles freshly stored messages, locked inside their transaction: the statement that locks them
   * marks them processed (counting the attempt), and the mark commits with what the handlers store
   * or rolls back with it, so a fresh message costs one commit and one update of its row. While it
   * runs, the claimed rows stay locked and other instances' sweeps skip them; a crash rolls the
   * claim back and leaves the messages due for the next sweep. Messages no longer due are skipped.
   */
  Mono<Void> handle(List<Long> ids) {
    if (ids.size() == 1) {
      return alone(Mono.defer(() -> claim(ids.get(0))), true);
    }
    return inTransaction(Flux.defer(() -> claimAll(ids)), true)
        .onErrorResume(
            e ->
                oneByOne(
                    ids.size(),
                    e,
                    Flux.fromIterable(ids).map(id -> Mono.defer(() -> claim(id))),
                    true));
  }

  /** Handles one freshly stored message, see {@link #handle(List)}. */
  Mono<Void> handle(long id) {
    return handle(List.of(id));
  }

  /** Handles messages the sweep claimed (and leased) earlier, see {@link #handle(List)}. */
  Mono<Void> handleClaimed(List<Claimed> claimed) {
    Flux<Mono<Claimed>> each = Flux.fromIterable(claimed).map(Mono::just);
    if (claimed.size() <= 1) {
      return each.concatMap(claim -> alone(claim, false)).then();
    }
    return inTransaction(Flux.fromIterable(claimed), false)
        .onErrorResume(e -> oneByOne(claimed.size(), e, each, false));
  }

  /** When the sweep's claims expire: a claimed message is reserved until then. */
  Instant leaseUntil(Instant now) {
    return now.plus(lease);
  }

  private Mono<Claimed> claim(long id) {
    return repository.claimProcessed(List.of(id), clock.instant()).next();
  }

  private Flux<Claimed> claimAll(List<Long> ids) {
    return repository.claimProcessed(ids, clock.instant());
  }

  /** The fallback after a batch failed: each message in its own transaction, in order. */
  private Mono<Void> oneByOne(
      int size, Throwable error, Flux<Mono<Claimed>> claims, boolean marked) {
    log.info(
        "Handling {} inbound messages together failed ({}); handling each alone",
        size,
        error.toString());
    return claims
        .concatMap(
            claim ->
                alone(claim, marked)
                    .onErrorResume(
                        e -> {
                          log.warn("Processing an inbound message failed: {}", e.toString());
                          return Mono.empty();
                        }))
        .then();
  }

  /** One message in one transaction; when it fails, its failed attempt is recorded. */
  private Mono<Void> alone(Mono<Claimed> claim, boolean marked) {
    AtomicReference<Claimed> claimed = new AtomicReference<>();
    return inTransaction(claim.doOnNext(claimed::set).flux(), marked)
        .onErrorResume(e -> claimed.get() == null ? Mono.error(e) : failed(claimed.get(), e));
  }

  /**
   * The one transaction of a hand-over: takes the claims, runs the handlers on each message in the
   * order they were stored and marks the messages processed. The handlers' own transactions join
   * it: what they store, the claims and the marks commit together or not at all.
   *
   * @param marked whether the claims marked the messages processed (fresh claims do; the sweep's
   *     claims leased them, counting the attempt, and are marked here)
   */
  private Mono<Void> inTransaction(Flux<Claimed> claims, boolean marked) {
    Mono<Void> work =
        claims
            .map(Claimed::message)
            .sort(Comparator.comparingLong(InboundMessage::id))
            .collectList()
            .flatMap(messages -> handleAndMark(messages, marked));
    return tx.transactional(work).timeout(HANDLER_TIMEOUT);
  }

  private Mono<Void> handleAndMark(List<InboundMessage> messages, boolean marked) {
    if (messages.isEmpty()) {
      return Mono.empty();
    }
    List<InboundMessageHandler> all = handlers.orderedStream().toList();
    Mono<Void> handled =
        Flux.fromIterable(messages)
            .concatMap(
                message -> Flux.fromIterable(all).concatMap(handler -> handler.handle(message)))
            .then();
    return marked
        ? handled
        : handled.then(
            Mono.defer(
                () ->
                    repository.markProcessed(
                        messages.stream().map(InboundMessage::id).toList(), clock.instant())));
  }

  private Mono<Void> failed(Claimed claimed, Throwable error) {
    boolean giveUp = claimed.attempt() >= MAX_ATTEMPTS;
    Instant retryAt = clock.instant().plus(backoff.after(claimed.attempt()));
    log.warn(
        "Handling inbound message #{} failed (attempt {} of {}){}: {}",
        claimed.message().id(),
        claimed.attempt(),
        MAX_ATTEMPTS,
        giveUp ? ", giving up" : ", will retry",
        error.toString());
    return repository.markAttemptFailed(
        claimed.message().id(), claimed.attempt(), error.toString(), retryAt, giveUp);
  }
}
