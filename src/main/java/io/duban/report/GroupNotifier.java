package io.duban.report;

import io.duban.unit.GroupChat;
import reactor.core.publisher.Mono;

/**
 * Posts a notice of the report feature (a 受阻 report for the leaders) to a group chat. The delivery
 * feature implements it with the outbox; the Mono emits true once the notice is durably queued (or
 * was queued before under the same key), false when it could not be.
 */
public interface GroupNotifier {

  /**
   * Queues {@code text} for {@code group}, at most once for {@code dedupeKey}.
   *
   * @param text the notice; reporter-supplied parts already flattened by {@link ReporterText}
   */
  Mono<Boolean> post(GroupChat group, String text, String dedupeKey);
}
