package io.duban.chat;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where the card a pressed button came from is updated in place: the platform reads its handle
 * (WeCom's {@code ResponseCode}, Feishu's {@code open_message_id}) from the press as it was stored,
 * so the one inbound path stays as it is.
 */
@Component
public class PressedCards {

  private final DatabaseClient db;
  private final List<PlatformSender> senders;

  PressedCards(DatabaseClient db, List<PlatformSender> senders) {
    this.db = db;
    this.senders = senders;
  }

  /** The card {@code press} was pressed on, as a destination; empty for any other message. */
  public Mono<Destination> of(InboundMessage press) {
    if (press.messageType() != MessageKind.ACTION) {
      return Mono.empty();
    }
    PlatformSender sender =
        senders.stream()
            .filter(s -> s.profile().platform() == press.platform())
            .findFirst()
            .orElse(null);
    if (sender == null) {
      return Mono.empty();
    }
    return db.sql("select raw_payload from inbound_message where id = :id")
        .bind("id", press.id())
        .map(row -> row.get("raw_payload", String.class))
        .one()
        .flatMap(raw -> Mono.justOrEmpty(sender.pressedCard(press, raw)));
  }
}
