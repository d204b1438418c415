package io.duban.schedule;

import io.duban.delivery.Outbox;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Queues a fire's dispatches in the outbox, each once per key, and says what came of it. */
@Component
class DispatchQueue {

  private final Outbox outbox;

  DispatchQueue(Outbox outbox) {
    this.outbox = outbox;
  }

  /** SENT with the number newly queued, or NOTHING when none was needed or all were sent before. */
  Mono<FireOutcome> enqueue(List<Dispatch> dispatches) {
    if (dispatches.isEmpty()) {
      return Mono.just(new FireOutcome(FireOutcome.Outcome.NOTHING, 0, "nobody needed a message"));
    }
    Set<String> units =
        dispatches.stream()
            .map(d -> d.group().unitCode())
            .collect(Collectors.toCollection(TreeSet::new));
    return Flux.fromIterable(dispatches)
        .concatMap(
            d ->
                outbox.enqueue(
                    outbox.groupDestination(
                        d.group().platform(), d.group().botId(), d.group().chatId()),
                    d.message(),
                    d.dedupeKey()))
        .reduce(0, Integer::sum)
        .map(
            n ->
                n > 0
                    ? new FireOutcome(
                        FireOutcome.Outcome.SENT, n, "queued for " + String.join(", ", units))
                    : new FireOutcome(
                        FireOutcome.Outcome.NOTHING, 0, "already sent for this period"));
  }
}
