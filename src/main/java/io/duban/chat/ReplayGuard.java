package io.duban.chat;

import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Accepts each signature that does not cover a callback's body once: the first body signed by it
 * wins for as long as the signature's timestamp is within its window; the same body again is the
 * platform retrying, another body is refused with {@link CallbackRejected.Reason#REPLAYED}.
 */
public interface ReplayGuard {

  /** The longest window any platform documents for a signed timestamp (DingTalk: 1 hour). */
  Duration MAX_WINDOW = Duration.ofHours(1);

  /**
   * Completes when {@code signature} (the signed fields, joined) is new for the bot or came before
   * with the same {@code body}; errors with {@code REPLAYED} otherwise.
   *
   * @param sentAt the signed timestamp
   * @param window how long after (and before) {@code sentAt} the signature is accepted; zero or
   *     negative means the timestamp is not checked, and the signature is remembered for {@link
   *     #MAX_WINDOW} from now
   */
  Mono<Void> once(
      Platform platform,
      String botId,
      String signature,
      byte[] body,
      Instant sentAt,
      Duration window);
}
