package io.duban.chat;

import reactor.core.publisher.Mono;

/**
 * Takes a stored inbound message further (understanding, replies). Called after the message is
 * durably stored and the platform has been answered; implementations must be idempotent per message
 * id, since a message may be handed over again after a restart.
 */
public interface InboundMessageHandler {

  Mono<Void> handle(InboundMessage message);
}
