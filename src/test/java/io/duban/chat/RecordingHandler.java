package io.duban.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A test {@link InboundMessageHandler} that records what it is handed and fails on messages whose
 * text starts with {@code boom}.
 */
public class RecordingHandler implements InboundMessageHandler {

  private final List<InboundMessage> handled = new CopyOnWriteArrayList<>();
  private final Sinks.Many<InboundMessage> events = Sinks.many().replay().all();

  @Override
  public Mono<Void> handle(InboundMessage message) {
    handled.add(message);
    synchronized (events) {
      events.tryEmitNext(message);
    }
    if (message.text().startsWith("boom")) {
      return Mono.error(new IllegalStateException("handler failed on purpose"));
    }
    return Mono.empty();
  }

  /** Every message handed over so far and from now on. */
  public Flux<InboundMessage> handled() {
    return events.asFlux();
  }

  /** Where the message with this id was first handed over among all handed over so far. */
  public int order(long id) {
    for (int i = 0; i < handled.size(); i++) {
      if (handled.get(i).id() == id) {
        return i;
      }
    }
    throw new IllegalArgumentException("message #" + id + " was never handed over");
  }

  /** How many times the message with this id was handed over. */
  public long timesHandled(long id) {
    return handled.stream().filter(m -> m.id() == id).count();
  }
}
