package io.duban.chat;

import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The skeleton every platform's sender shares: {@link #send} looks up the destination's bot (an
 * unknown bot is a permanent failure, except for replies, see {@link #reply}) and picks the
 * platform's call for the channel the destination names. A platform implements only those calls and
 * its {@link PlatformProfile}.
 *
 * @param <B> the platform's bot configuration
 */
public interface BotSender<B extends ChatProperties.Bot> extends PlatformSender {

  /** Posts through the bot's own group robot or custom bot webhook. */
  Mono<Void> webhook(B bot, OutboundMessage message);

  /** Sends through the platform's message API to a group chat. */
  Mono<Void> toChat(B bot, String chatId, OutboundMessage message);

  /** Sends through the platform's message API to users ({@code |}-separated ids). */
  Mono<Void> toUsers(B bot, String userIds, OutboundMessage message);

  /**
   * Answers on a URL the platform gave with an inbound message. {@code bot} is empty when the bot
   * is not configured (any more): a platform whose reply URLs are their own credential answers
   * anyway, the others refuse with {@link #known}.
   */
  Mono<Void> reply(Optional<B> bot, Destination destination, OutboundMessage message);

  /**
   * Updates in place a card the bot sent, as {@code handle} names it ({@link #pressedCard}), to
   * show {@code message}; platforms without such an update refuse.
   */
  default Mono<Void> updateCard(B bot, String handle, OutboundMessage message) {
    return Mono.error(SendFailure.permanent(profile().name() + " updates no cards it sent"));
  }

  @Override
  default Mono<Void> send(Destination destination, OutboundMessage message) {
    Optional<B> bot = bot(destination.botId());
    return switch (destination.channel()) {
      case REPLY_URL -> reply(bot, destination, message);
      case WEBHOOK -> known(bot, destination.botId()).flatMap(b -> webhook(b, message));
      case CHAT ->
          known(bot, destination.botId()).flatMap(b -> toChat(b, destination.target(), message));
      case USER ->
          known(bot, destination.botId()).flatMap(b -> toUsers(b, destination.target(), message));
      case CARD ->
          known(bot, destination.botId())
              .flatMap(b -> updateCard(b, destination.target(), message));
    };
  }

  /** The bot, or a permanent failure naming the unknown id. */
  @Override
  default Mono<byte[]> download(MediaRef ref, int maxBytes) {
    return known(bot(ref.botId()), ref.botId()).flatMap(b -> download(b, ref, maxBytes));
  }

  /** Downloads received media with {@code bot}'s credentials; platforms without one refuse. */
  default Mono<byte[]> download(B bot, MediaRef ref, int maxBytes) {
    return Mono.error(
        SendFailure.permanent(profile().name() + " has no media download for received files"));
  }

  default Mono<B> known(Optional<B> bot, String botId) {
    return Mono.justOrEmpty(bot)
        .switchIfEmpty(
            Mono.error(SendFailure.permanent("unknown " + profile().name() + " bot " + botId)));
  }

  /** This platform's configured bot {@code id}. */
  @SuppressWarnings("unchecked") // ChatProperties.bot gives each platform's bots their own type
  private Optional<B> bot(String id) {
    return (Optional<B>) chat().bot(profile().platform(), id);
  }
}
