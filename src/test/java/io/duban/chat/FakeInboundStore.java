package io.duban.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * An inbound store for callback slice tests: keeps what reaches it, in memory, once per (platform,
 * bot, platform message id), as the real store does.
 */
public final class FakeInboundStore implements InboundStore {

  private final List<InboundMessage> stored = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public synchronized Mono<Stored> store(NewInboundMessage m) {
    Optional<InboundMessage> earlier =
        stored.stream()
            .filter(
                s ->
                    s.platform() == m.platform()
                        && s.botId().equals(m.botId())
                        && s.platformMessageId().equals(m.platformMessageId()))
            .findFirst();
    if (earlier.isPresent()) {
      return Mono.just(new Stored(earlier.get(), true));
    }
    InboundMessage row =
        new InboundMessage(
            ids.incrementAndGet(),
            m.platform(),
            m.botId(),
            m.platformMessageId(),
            m.chatId(),
            m.chatType(),
            m.senderId(),
            m.senderName(),
            m.messageType(),
            m.text(),
            m.sentAt(),
            m.replyUrl(),
            m.replyUrlExpiresAt(),
            m.senderCorp());
    stored.add(row);
    return Mono.just(new Stored(row, false));
  }

  /** Everything stored so far, in order. */
  public synchronized List<InboundMessage> stored() {
    return List.copyOf(stored);
  }

  public synchronized void clear() {
    stored.clear();
  }
}
