package io.duban.delivery;

import io.duban.chat.Platform;
import reactor.core.publisher.Mono;

/** Sends one message to one destination of one platform; fails with {@link SendFailure}. */
interface PlatformSender {

  Platform platform();

  /** Largest text, in UTF-8 bytes, one message of {@code format} may carry on this platform. */
  int maxBytes(OutboundMessage.Format format);

  Mono<Void> send(Destination destination, OutboundMessage message);
}
