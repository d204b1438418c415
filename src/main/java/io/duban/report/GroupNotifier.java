package io.duban.report;

import io.duban.chat.OutboundMessage;
import io.duban.unit.GroupChat;
import java.util.List;
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

  /**
   * Queues {@code text} with {@code button} for {@code group}: as a card where the group's bot
   * renders one, else the text alone (which says what to type instead). Where the bot puts such
   * cards only into one-to-one chats (a WeCom app), the card goes to {@code people} (the platform
   * user ids who may press it) as well, once for {@code dedupeKey + ":card"}.
   */
  default Mono<Boolean> post(
      GroupChat group,
      String text,
      String dedupeKey,
      OutboundMessage.Button button,
      List<String> people) {
    return post(group, text, dedupeKey);
  }
}
