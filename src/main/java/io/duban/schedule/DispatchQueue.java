package io.duban.schedule;

import io.duban.delivery.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Queues a fire's dispatches in the outbox, each once per key, and says truthfully what came of it:
 * how many were queued, and which cannot be delivered at all (an unknown bot, which the outbox will
 * mark DEAD on its first attempt).
 */
@Component
class DispatchQueue {

  private final Outbox outbox;

  DispatchQueue(Outbox outbox) {
    this.outbox = outbox;
  }

  /** One dispatch queued: its unit and what the outbox did with it. */
  private record Queued(String unit, Outbox.Enqueued enqueued) {}

  /**
   * SENT (queued) with the number newly queued, their keys and how many cannot be delivered, or
   * NOTHING when none was needed or all were queued before.
   */
  Mono<FireOutcome> enqueue(List<Dispatch> dispatches) {
    if (dispatches.isEmpty()) {
      return Mono.just(new FireOutcome(FireOutcome.Outcome.NOTHING, 0, "没有需要发送的消息"));
    }
    List<Outbox.Queued> messages =
        dispatches.stream()
            .map(
                d ->
                    new Outbox.Queued(
                        outbox.groupDestination(
                            d.group().platform(), d.group().botId(), d.group().chatId()),
                        d.message(),
                        d.dedupeKey()))
            .toList();
    // a few multi-row inserts for the whole fire (2,000 units: four), not one per unit
    return outbox
        .enqueueAllTracked(messages)
        .map(
            enqueued ->
                IntStream.range(0, dispatches.size())
                    .mapToObj(
                        i -> new Queued(dispatches.get(i).group().unitCode(), enqueued.get(i)))
                    .toList())
        .map(DispatchQueue::outcome);
  }

  /** Units a fire's detail names; a burst to 2,000 units is counted, not listed. */
  static final int UNITS_NAMED = 20;

  private static String named(Set<String> units) {
    String named = String.join("、", units.stream().limit(UNITS_NAMED).toList());
    return units.size() > UNITS_NAMED ? named + " 等 " + units.size() + " 个单位" : named;
  }

  private static FireOutcome outcome(List<Queued> all) {
    List<String> keys = new ArrayList<>();
    Set<String> units = new TreeSet<>();
    Set<String> refusedUnits = new TreeSet<>();
    Set<String> reasons = new LinkedHashSet<>();
    int refused = 0;
    for (Queued q : all) {
      if (q.enqueued().keys().isEmpty()) {
        continue;
      }
      keys.addAll(q.enqueued().keys());
      units.add(q.unit());
      if (q.enqueued().refused()) {
        refused += q.enqueued().keys().size();
        refusedUnits.add(q.unit());
        reasons.add(q.enqueued().refusal());
      }
    }
    if (keys.isEmpty()) {
      return new FireOutcome(FireOutcome.Outcome.NOTHING, 0, "本周期已发送过，未重复发送");
    }
    String detail = "已排队 " + keys.size() + " 条，发往 " + named(units);
    if (refused > 0) {
      detail +=
          "；其中 "
              + refused
              + " 条无法送达（"
              + named(refusedUnits)
              + "：" // the reasons name the bots, never a credential
              + String.join("；", reasons)
              + "）";
    }
    return new FireOutcome(FireOutcome.Outcome.SENT, keys.size(), detail, keys, refused);
  }
}
