package io.duban.chat;

import reactor.core.publisher.Mono;

/**
 * Whether a stream bot's long connection is open on some instance, as the shared lease table tells
 * every instance alike; and, as the application event {@link Connected}, each time one opens on
 * this instance. The outbox asks it how long to put off a message only the connection's holder can
 * send.
 */
public interface StreamPresence {

  /** True while some instance holds {@code botId}'s connection open under an unexpired lease. */
  Mono<Boolean> connectedAnywhere(Platform platform, String botId);

  /** A stream bot's connection opened (and subscribed) on this instance. */
  record Connected(Platform platform, String botId) {}
}
