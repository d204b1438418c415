package io.duban.chat;

import reactor.core.publisher.Mono;

/**
 * The inbound contract every platform's callback or stream connection uses: store a verified,
 * normalised message once; the store hands a new message to the handlers in the background. A
 * platform may answer its callback as soon as the returned Mono completes: by then the message is
 * durably stored.
 */
public interface InboundStore {

  /**
   * Stores {@code message} unless a message with the same (platform, bot, platform message id) is
   * already stored; concurrent duplicates store one row. Completes once the row is committed.
   */
  Mono<Stored> store(NewInboundMessage message);

  /**
   * The outcome of {@link #store}.
   *
   * @param message the stored message (the earlier row for a duplicate)
   * @param duplicate true when the message had been stored before
   */
  record Stored(InboundMessage message, boolean duplicate) {}
}
