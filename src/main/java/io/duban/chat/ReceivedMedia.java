package io.duban.chat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Pictures and files people sent: where each platform's payload names the media (read from the
 * stored raw payload, so the one inbound path stays as it is), and its download through the
 * platform's media API with the bot's credentials (or, for the simulator's and the generic
 * webhook's pictures, from the payload itself: {@link InlineMedia}).
 */
@Component
public class ReceivedMedia {

  private static final Pattern XML_FIELD =
      Pattern.compile(
          "<(MediaId|FileName|MsgType)>\\s*(?:<!\\[CDATA\\[(.*?)]]>|([^<]*))\\s*</\\1>");

  private final DatabaseClient db;
  private final List<PlatformSender> senders;

  ReceivedMedia(DatabaseClient db, List<PlatformSender> senders) {
    this.db = db;
    this.senders = senders;
  }

  /**
   * The media a stored picture or file message names, or the first picture of a smart bot's mixed
   * message; empty for other messages.
   */
  public Mono<MediaRef> of(InboundMessage message) {
    MessageKind kind = message.messageType();
    if (kind != MessageKind.IMAGE && kind != MessageKind.FILE && kind != MessageKind.MIXED) {
      return Mono.empty();
    }
    return db.sql("select raw_payload from inbound_message where id = :id")
        .bind("id", message.id())
        .map(row -> row.get("raw_payload", String.class))
        .one()
        .flatMap(raw -> Mono.justOrEmpty(parse(message, raw)));
  }

  /**
   * Downloads at most {@code maxBytes} of {@code ref} from its platform; a smart bot's picture gets
   * its {@code aeskey} from the stored message first.
   */
  public Mono<byte[]> download(MediaRef ref, int maxBytes) {
    if (InlineMedia.KEY.equals(ref.key())) {
      return InlineMedia.bytes(db, ref, maxBytes);
    }
    return withSecret(ref)
        .flatMap(
            r ->
                senders.stream()
                    .filter(s -> s.profile().platform() == r.platform())
                    .findFirst()
                    .map(s -> s.download(r, maxBytes))
                    .orElseGet(
                        () -> Mono.error(SendFailure.permanent("no sender for " + r.platform()))));
  }

  /** The smart bot's per-file key, read from the message that carried the URL (if it has one). */
  private Mono<MediaRef> withSecret(MediaRef ref) {
    if (ref.platform() != Platform.WECOM || ref.secret() != null || !isUrl(ref.key())) {
      return Mono.just(ref);
    }
    return db.sql(
            "select raw_payload from inbound_message where platform = :platform"
                + " and bot_id = :bot and platform_message_id = :id")
        .bind("platform", ref.platform().name())
        .bind("bot", ref.botId())
        .bind("id", ref.messageId())
        .map(row -> row.get("raw_payload", String.class))
        .one()
        .map(raw -> SmartBotPayloads.aesKey(raw, ref.key()).map(ref::withSecret).orElse(ref))
        .defaultIfEmpty(ref);
  }

  private static boolean isUrl(String key) {
    return key != null && (key.startsWith("https://") || key.startsWith("http://"));
  }

  static Optional<MediaRef> parse(InboundMessage m, String raw) {
    MessageKind kind = m.messageType();
    Optional<MediaRef> inline = InlineMedia.ref(m, raw);
    if (inline.isPresent()) {
      return inline;
    }
    return switch (m.platform()) {
      case WECOM ->
          raw.stripLeading().startsWith("<")
              ? weCom(m, raw, kind)
              : SmartBotPayloads.media(raw)
                  .map(p -> ref(m, m.platformMessageId(), p.url(), p.kind(), null));
      case DINGTALK -> {
        JsonNode content = CallbackJson.parse(raw).path("content");
        String code = CallbackJson.text(content, "downloadCode");
        yield present(code)
            ? Optional.of(ref(m, m.platformMessageId(), code, kind, text(content, "fileName")))
            : Optional.empty();
      }
      case FEISHU -> {
        JsonNode message = CallbackJson.parse(raw).path("event").path("message");
        String content = CallbackJson.text(message, "content");
        if (content == null) {
          yield Optional.empty();
        }
        JsonNode c = CallbackJson.parse(content);
        String key = kind == MessageKind.IMAGE ? text(c, "image_key") : text(c, "file_key");
        String id = text(message, "message_id");
        yield present(key) && present(id)
            ? Optional.of(ref(m, id, key, kind, text(c, "file_name")))
            : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** A WeCom app message (XML): its MediaId. */
  private static Optional<MediaRef> weCom(InboundMessage m, String xml, MessageKind kind) {
    String mediaId = null;
    String fileName = null;
    Matcher f = XML_FIELD.matcher(xml);
    while (f.find()) {
      String value = f.group(2) != null ? f.group(2) : f.group(3);
      if (f.group(1).equals("MediaId")) {
        mediaId = value.strip();
      } else if (f.group(1).equals("FileName")) {
        fileName = value.strip();
      }
    }
    return present(mediaId)
        ? Optional.of(ref(m, m.platformMessageId(), mediaId, kind, fileName))
        : Optional.empty();
  }

  private static MediaRef ref(
      InboundMessage m, String messageId, String key, MessageKind kind, String fileName) {
    return new MediaRef(
        m.platform(), m.botId(), messageId, key, kind, present(fileName) ? fileName : null);
  }

  private static String text(JsonNode node, String field) {
    return CallbackJson.text(node, field);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
