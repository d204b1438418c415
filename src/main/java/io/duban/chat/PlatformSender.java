package io.duban.chat;

import reactor.core.publisher.Mono;

/**
 * The outbound contract every platform implements: how a message reaches a chat (its group
 * destinations), how much one message may carry, which rate limits hold, and the send itself. The
 * outbox asks these questions and knows no platform by name; a send fails with {@link
 * SendFailure}.
 */
public interface PlatformSender {

  Platform platform();

  /** Largest text, in UTF-8 bytes, one message of {@code format} may carry on this platform. */
  int maxBytes(OutboundMessage.Format format);

  /** How many messages one rate bucket of this platform ({@link #rateKey}) takes. */
  RateLimit rateLimit();

  /**
   * The bucket whose rate limit {@code destination} shares: by default its bot's app API, or its
   * bot's robot webhook (reply URLs included).
   */
  default String rateKey(Destination destination) {
    return destination.botBucket();
  }

  /**
   * How Duban reaches a group chat of a bot: through the platform's message API when the bot can
   * use it and the chat id is known, else through the bot's group robot webhook.
   */
  Destination groupDestination(String botId, String chatId);

  Mono<Void> send(Destination destination, OutboundMessage message);
}
