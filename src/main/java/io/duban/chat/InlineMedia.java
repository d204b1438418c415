package io.duban.chat;

import java.util.Base64;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Pictures and files whose bytes travel in the stored payload itself, as {@code "inlineMedia":
 * {"fileName": …, "base64": …}}: what the chat simulator sends (on any platform's bot, marked by
 * its {@code typedBy}) and what a generic webhook bot may send. No platform payload carries such an
 * object, and none is read from one: their pictures come through the platform's media API.
 */
final class InlineMedia {

  /** The media key of an inline picture or file: the bytes are in the message's payload. */
  static final String KEY = "inline";

  private InlineMedia() {}

  /** The inline media {@code raw} names, for a generic or simulated message; else empty. */
  static Optional<MediaRef> ref(InboundMessage m, String raw) {
    if (raw == null || !raw.stripLeading().startsWith("{")) {
      return Optional.empty();
    }
    JsonNode json;
    try {
      json = CallbackJson.parse(raw);
    } catch (CallbackRejected e) {
      return Optional.empty();
    }
    boolean trusted =
        m.platform() == Platform.GENERIC || CallbackJson.text(json, "typedBy") != null;
    JsonNode media = json.path("inlineMedia");
    if (!trusted || !media.isObject() || CallbackJson.text(media, "base64") == null) {
      return Optional.empty();
    }
    String name = CallbackJson.text(media, "fileName");
    return Optional.of(
        new MediaRef(
            m.platform(),
            m.botId(),
            m.platformMessageId(),
            KEY,
            m.messageType(),
            name == null || name.isBlank() ? null : name.strip()));
  }

  /** The bytes of an inline {@code ref}, read back from its stored message; at most {@code max}. */
  static Mono<byte[]> bytes(DatabaseClient db, MediaRef ref, int max) {
    return db.sql(
            "select raw_payload from inbound_message where platform = :platform"
                + " and bot_id = :bot and platform_message_id = :id")
        .bind("platform", ref.platform().name())
        .bind("bot", ref.botId())
        .bind("id", ref.messageId())
        .map(row -> row.get("raw_payload", String.class))
        .one()
        .switchIfEmpty(Mono.error(SendFailure.permanent("the message of the inline media is gone")))
        .map(
            raw -> {
              String base64 = CallbackJson.text(CallbackJson.parse(raw), "inlineMedia", "base64");
              if (base64 == null) {
                throw SendFailure.permanent("the message carries no inline media");
              }
              // four characters carry three bytes: refuse before decoding what is too large
              if ((long) base64.length() / 4 * 3 > (long) max + 3) {
                throw new MediaTooLarge(max);
              }
              byte[] bytes;
              try {
                bytes = Base64.getMimeDecoder().decode(base64);
              } catch (IllegalArgumentException e) {
                throw SendFailure.permanent("the inline media is not Base64");
              }
              if (bytes.length > max) {
                throw new MediaTooLarge(max);
              }
              return bytes;
            });
  }
}
