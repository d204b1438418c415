package io.duban.chat.generic;

import io.duban.chat.CallbackBody;
import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.GenericBot;
import io.duban.chat.ChatType;
import io.duban.chat.ClockSkew;
import io.duban.chat.InboundStore;
import io.duban.chat.Mentions;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The generic signed JSON webhook ({@code /callbacks/generic/{id}}) for other bots and the chat
 * simulator. Body {@code {"messageId","chatId","senderId","senderName","text","sentAt"}} plus
 * optional {@code chatType} ({@code group}|{@code single}, default group) and {@code messageType}
 * (default text); headers {@code X-Duban-Timestamp} (epoch seconds) and {@code X-Duban-Signature}
 * (hex HmacSHA256 of secret over timestamp + "\n" + raw body).
 */
@RestController
@RequestMapping("/callbacks/generic/{id}")
class GenericCallbackController {

  private final ChatProperties properties;
  private final InboundStore inbound;
  private final Clock clock;

  GenericCallbackController(ChatProperties properties, InboundStore inbound, Clock clock) {
    this.properties = properties;
    this.inbound = inbound;
    this.clock = clock;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Map<String, Object>> receive(
      @PathVariable String id,
      @RequestHeader(name = "X-Duban-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Duban-Signature", required = false) String signature,
      ServerHttpRequest request) {
    return Mono.fromCallable(() -> bot(id))
        .flatMap(
            bot ->
                CallbackBody.read(request)
                    .map(body -> open(bot, body, timestamp, signature))
                    .flatMap(inbound::store))
        .map(
            stored ->
                Map.<String, Object>of(
                    "id", stored.message().id(), "duplicate", stored.duplicate()));
  }

  private NewInboundMessage open(GenericBot bot, byte[] body, String timestamp, String signature) {
    if (bot.secret() == null || bot.secret().isEmpty()) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "bot has no secret");
    }
    GenericSignature.verify(bot.secret(), timestamp, body, signature);
    Instant now = clock.instant();
    ClockSkew.check(now, CallbackJson.epoch(timestamp, Instant.EPOCH), bot.maxClockSkew());
    String raw = new String(body, StandardCharsets.UTF_8);
    JsonNode json = CallbackJson.parse(raw);
    String type = CallbackJson.text(json, "messageType");
    ChatType chatType =
        "single".equalsIgnoreCase(CallbackJson.text(json, "chatType"))
            ? ChatType.SINGLE
            : ChatType.GROUP;
    String text = CallbackJson.text(json, "text");
    String senderId = CallbackJson.text(json, "senderId");
    String chatId = CallbackJson.text(json, "chatId");
    if (senderId == null || senderId.isEmpty()) {
      throw new CallbackRejected(Reason.MALFORMED, "senderId missing");
    }
    return new NewInboundMessage(
        Platform.GENERIC,
        bot.id(),
        CallbackJson.text(json, "messageId"),
        chatId == null || chatId.isEmpty() ? senderId : chatId,
        chatType,
        senderId,
        CallbackJson.text(json, "senderName"),
        type == null ? MessageKind.TEXT : MessageKind.of(type),
        Mentions.trim(text),
        sentAt(CallbackJson.text(json, "sentAt"), now),
        null,
        null,
        raw);
  }

  /** ISO-8601 instant or epoch seconds/milliseconds; now when absent. */
  private static Instant sentAt(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return now;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      return CallbackJson.epoch(value, now);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new CallbackRejected(Reason.MALFORMED, "sentAt is not an ISO-8601 instant");
    }
  }

  private GenericBot bot(String id) {
    return properties
        .genericBot(id)
        .orElseThrow(() -> new CallbackRejected(Reason.UNKNOWN_BOT, "unknown generic bot"));
  }
}
