package io.duban.delivery;

import io.duban.chat.BotSender;
import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformSender;
import io.duban.chat.RateLimit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The sender of each platform, as the chat package provides them. */
@Component
final class PlatformSenders {

  private final Map<Platform, PlatformSender> byPlatform = new EnumMap<>(Platform.class);

  PlatformSenders(List<PlatformSender> senders) {
    senders.forEach(s -> byPlatform.put(s.profile().platform(), s));
  }

  /** The sender of {@code platform}, or null when none is wired. */
  PlatformSender get(Platform platform) {
    return byPlatform.get(platform);
  }

  /** How the platform reaches a group chat of a bot; its robot webhook without a sender. */
  Destination groupDestination(Platform platform, String botId, String chatId) {
    PlatformSender sender = get(platform);
    return sender == null
        ? Destination.webhook(platform, botId)
        : sender.groupDestination(botId, chatId);
  }

  /**
   * Why {@code destination} cannot be reached at all, as the platform's sender will refuse it on
   * its first attempt (a permanent failure, so DEAD): no sender for the platform, or a bot the
   * configuration does not know (reply URLs carry their own credential and are left to the sender).
   * Empty when it may be reached.
   */
  Optional<String> refusal(Destination destination) {
    PlatformSender sender = get(destination.platform());
    if (sender == null) {
      return Optional.of("没有" + destination.platform().key() + "平台的发送程序");
    }
    if (sender instanceof BotSender<?>
        && destination.channel() != Destination.Channel.REPLY_URL
        && sender.chat().bot(destination.platform(), destination.botId()).isEmpty()) {
      return Optional.of(
          "未配置的" + sender.profile().name() + "机器人「" + destination.botId() + "」，无法发送");
    }
    return Optional.empty();
  }

  /** Whether {@code destination} renders a message's button as a card pressed back to the bot. */
  boolean carriesButtons(Destination destination) {
    PlatformSender sender = get(destination.platform());
    return sender != null && sender.carriesButtons(destination);
  }

  /** Where a card reaches these people one to one through the bot, or empty. */
  Optional<Destination> cardsToPeople(Platform platform, String botId, List<String> userIds) {
    PlatformSender sender = get(platform);
    return sender == null || userIds.isEmpty()
        ? Optional.empty()
        : sender.cardsToPeople(botId, userIds);
  }

  /** The rate bucket {@code destination} shares. */
  String rateKey(Destination destination) {
    PlatformSender sender = get(destination.platform());
    return sender == null ? destination.botBucket() : sender.rateKey(destination);
  }

  /** The rate limit of one bucket of {@code platform}; none without a sender. */
  RateLimit rateLimit(Platform platform) {
    PlatformSender sender = get(platform);
    return sender == null ? RateLimit.NONE : sender.profile().rateLimit();
  }

  /** The largest text one message may carry, or 0 when the message is not to be split. */
  int maxBytes(Platform platform, OutboundMessage.Format format) {
    PlatformSender sender = get(platform);
    return sender == null || format.binary() ? 0 : sender.profile().maxBytes(format);
  }
}
