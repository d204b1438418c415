package io.duban.chat;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where a WeCom smart bot's message (its JSON, from a callback or the long connection) names a
 * picture or file: {@code image.url} or {@code file.url}, or the first picture of a {@code mixed}
 * message's {@code msg_item}; on the long connection each comes with its own {@code aeskey}.
 */
final class SmartBotPayloads {

  /** The media a message names and what it is. */
  record Media(String url, MessageKind kind, String aesKey) {}

  private SmartBotPayloads() {}

  static Optional<Media> media(String raw) {
    JsonNode json = CallbackJson.parse(raw);
    return switch (MessageKind.of(CallbackJson.text(json, "msgtype"))) {
      case IMAGE -> media(json.path("image"), MessageKind.IMAGE);
      case FILE -> media(json.path("file"), MessageKind.FILE);
      case MIXED -> {
        for (JsonNode item : json.path("mixed").path("msg_item")) {
          if ("image".equals(CallbackJson.text(item, "msgtype"))) {
            yield media(item.path("image"), MessageKind.IMAGE);
          }
        }
        yield Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** The {@code aeskey} given with {@code url} in the message, if any. */
  static Optional<String> aesKey(String raw, String url) {
    return media(raw).filter(m -> url.equals(m.url())).map(Media::aesKey);
  }

  private static Optional<Media> media(JsonNode node, MessageKind kind) {
    String url = CallbackJson.text(node, "url");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String key = CallbackJson.text(node, "aeskey");
    return Optional.of(new Media(url, kind, key == null || key.isBlank() ? null : key));
  }
}
