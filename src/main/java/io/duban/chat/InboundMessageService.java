package io.duban.chat;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores inbound messages exactly once and reads them back. Storing a new message hands it to the
 * {@link InboundMessageHandler}s asynchronously, so callers (platform callbacks) can answer as soon
 * as the returned Mono completes: by then the message is durably stored.
 */
@Service
public class InboundMessageService implements InboundStore {

  private static final Logger log = LoggerFactory.getLogger(InboundMessageService.class);
  private static final int MAX_LIMIT = 500;

  private final InboundRepository repository;
  private final InboundInserts inserts;
  private final InboundHandOver handOver;
  private final MeterRegistry meters;

  InboundMessageService(
      InboundRepository repository,
      InboundInserts inserts,
      InboundHandOver handOver,
      MeterRegistry meters) {
    this.repository = repository;
    this.inserts = inserts;
    this.handOver = handOver;
    this.meters = meters;
  }

  @Override
  public Mono<Stored> store(NewInboundMessage message) {
    return inserts
        .insert(message)
        .flatMap(Mono::justOrEmpty)
        .map(stored -> new Stored(stored, false))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    repository
                        .findByKey(message.platform(), message.botId(), message.platformMessageId())
                        .map(stored -> new Stored(stored, true))))
        // handle, not doOnNext: it puts the request's id in the logging context for the line
        .handle(
            (stored, sink) -> {
              accepted(stored);
              sink.next(stored);
            });
  }

  /** The stored message with this id, or empty. */
  public Mono<InboundMessage> find(long id) {
    return repository.findById(id);
  }

  /** The most recently received messages, newest first ({@code limit} capped at 500). */
  public Flux<InboundMessage> recent(int limit) {
    return repository.recent(cap(limit));
  }

  /** The latest messages of one chat, newest first ({@code limit} capped at 500). */
  public Flux<InboundMessage> recent(Platform platform, String chatId, int limit) {
    return repository.recentInChat(platform, chatId, cap(limit));
  }

  private void accepted(Stored stored) {
    InboundMessage m = stored.message();
    meters
        .counter(
            "duban.inbound.accepted",
            "platform",
            m.platform().key(),
            "duplicate",
            Boolean.toString(stored.duplicate()))
        .increment();
    if (stored.duplicate()) {
      log.info(
          "Duplicate {} message {} for bot {} already stored as #{}",
          m.platform().key(),
          m.platformMessageId(),
          m.botId(),
          m.id());
    } else {
      log.info(
          "Stored {} {} message #{} for bot {} from {}",
          m.platform().key(),
          m.messageType().key(),
          m.id(),
          m.botId(),
          m.senderId());
      handOver.submit(m.id());
    }
  }

  private static int cap(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIMIT));
  }
}
