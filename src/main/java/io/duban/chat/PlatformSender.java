package io.duban.chat;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The outbound contract every platform implements: what the platform is and allows ({@link
 * PlatformProfile}: byte limits, rate limit), which rate bucket a destination shares, how a group
 * chat is reached, and the send itself. The outbox asks these questions and knows no platform by
 * name; a send fails with {@link SendFailure}.
 */
public interface PlatformSender {

  PlatformProfile profile();

  /** The bots this sender sends for. */
  ChatProperties chat();

  /**
   * The bucket whose rate limit {@code destination} shares: by default its bot's app API, or its
   * bot's robot webhook (reply URLs included).
   */
  default String rateKey(Destination destination) {
    return destination.botBucket();
  }

  /**
   * How Duban reaches a group chat of a bot: through the platform's message API when the bot's
   * configuration says it can ({@link ChatProperties.Bot#reachesChatsByApi()}) and the chat id is
   * known, else through the bot's group robot webhook.
   */
  default Destination groupDestination(String botId, String chatId) {
    Platform platform = profile().platform();
    boolean viaApi =
        chat().bot(platform, botId).map(ChatProperties.Bot::reachesChatsByApi).orElse(false);
    return Destination.group(platform, botId, chatId, viaApi);
  }

  Mono<Void> send(Destination destination, OutboundMessage message);

  /**
   * Whether a message to {@code destination} can carry its {@link OutboundMessage#button()} as a
   * card whose press comes back to the bot's callback; where it cannot, the text alone is sent.
   */
  default boolean carriesButtons(Destination destination) {
    return false;
  }

  /**
   * Where a card with a button reaches {@code userIds} one to one through {@code botId}, for a
   * platform whose bot cannot put such a card into the group chat itself (a WeCom app: the group
   * robot's cards have no buttons); empty when the bot cannot, or need not.
   */
  default Optional<Destination> cardsToPeople(String botId, List<String> userIds) {
    return Optional.empty();
  }

  /**
   * Where the card a button press came from is updated in place ({@link Destination.Channel#CARD}),
   * read from the press as it was stored ({@code rawPayload}); empty when the platform updates no
   * cards or the press names none.
   */
  default Optional<Destination> pressedCard(InboundMessage press, String rawPayload) {
    return Optional.empty();
  }

  /**
   * Downloads a picture or file a person sent, at most {@code maxBytes}: the platform's media API
   * with the bot's cached access token. Fails with a {@link SendFailure} (retryable or not) or
   * {@link MediaTooLarge}.
   */
  default Mono<byte[]> download(MediaRef ref, int maxBytes) {
    return Mono.error(
        SendFailure.permanent(profile().name() + " has no media download for received files"));
  }
}
