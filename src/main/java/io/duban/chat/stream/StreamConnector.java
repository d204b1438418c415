package io.duban.chat.stream;

import io.duban.chat.Platform;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One platform's long connection: which of its bots run in stream mode, and how to hold one
 * connection of one of them. The {@link StreamSupervisor} decides when (this instance holds the
 * bot's lease) and how often (reconnection with backoff); a connector only speaks its protocol.
 */
public interface StreamConnector {

  Platform platform();

  /** The ids of this platform's bots configured with {@code mode: stream}. */
  List<String> streamBots();

  /**
   * Opens one connection of bot {@code botId} (a fresh ticket or endpoint each time) and holds it:
   * the Mono completes when the platform closes it and fails when it breaks; cancelling it closes
   * the connection. Each message is stored before it is acknowledged.
   */
  Mono<Void> connect(String botId, StreamLink link);
}
