package io.duban.chat.feishu;

import io.duban.chat.CallbackJson;
import io.duban.chat.CardActions;
import io.duban.chat.ChatType;
import io.duban.chat.Mentions;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.PayloadDigest;
import io.duban.chat.Platform;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Normalises Feishu events (schema 2.0): {@code im.message.receive_v1} into a chat message with its
 * {@code @_user_N} placeholders resolved; any other event stored as type {@code event}.
 */
final class FeishuMessages {

  static final String MESSAGE_RECEIVE = "im.message.receive_v1";
  static final String CARD_ACTION = "card.action.trigger";
  private static final Pattern PLACEHOLDER = Pattern.compile("@_user_\\d+");
  private static final Pattern LEADING_PLACEHOLDER =
      Pattern.compile("^\\s*@_user_\\d+", Pattern.UNICODE_CHARACTER_CLASS);

  private FeishuMessages() {}

  static NewInboundMessage normalise(String botId, JsonNode envelope, String plain, Instant now) {
    String eventType = CallbackJson.text(envelope, "header", "event_type");
    if (CARD_ACTION.equals(eventType)) {
      NewInboundMessage pressed = pressed(botId, envelope, plain, now);
      if (pressed != null) {
        return pressed;
      }
    }
    if (!MESSAGE_RECEIVE.equals(eventType)) {
      String eventId = CallbackJson.text(envelope, "header", "event_id");
      if (eventId == null) {
        eventId = CallbackJson.text(envelope, "uuid");
      }
      return new NewInboundMessage(
          Platform.FEISHU,
          botId,
          eventId == null || eventId.isEmpty() ? PayloadDigest.of(plain) : "event:" + eventId,
          "",
          ChatType.SINGLE,
          "",
          null,
          MessageKind.EVENT,
          "",
          CallbackJson.epoch(CallbackJson.text(envelope, "header", "create_time"), now),
          null,
          null,
          plain);
    }
    JsonNode event = envelope.path("event");
    JsonNode message = event.path("message");
    MessageKind kind = MessageKind.of(CallbackJson.text(message, "message_type"));
    ChatType chatType =
        "p2p".equals(CallbackJson.text(message, "chat_type")) ? ChatType.SINGLE : ChatType.GROUP;
    String userId = CallbackJson.text(event, "sender", "sender_id", "user_id");
    String sender =
        userId == null || userId.isEmpty()
            ? CallbackJson.text(event, "sender", "sender_id", "open_id")
            : userId;
    return new NewInboundMessage(
        Platform.FEISHU,
        botId,
        CallbackJson.text(message, "message_id"),
        CallbackJson.text(message, "chat_id"),
        chatType,
        sender,
        null,
        kind,
        kind == MessageKind.TEXT ? text(message, chatType) : "",
        CallbackJson.epoch(CallbackJson.text(message, "create_time"), now),
        null,
        null,
        plain,
        tenant(envelope, event));
  }

  /**
   * A button pressed on a card the bot sent ({@code card.action.trigger}: {@code event.operator},
   * {@code event.action.value}, {@code event.context.open_message_id} and {@code open_chat_id}, as
   * the Java SDK's {@code P2CardActionTriggerData} names them): the command the button stands for,
   * from the presser in the card's chat; null when the button is none of ours. Keyed by card,
   * presser and button, so pressing again stores nothing new.
   */
  private static NewInboundMessage pressed(
      String botId, JsonNode envelope, String plain, Instant now) {
    JsonNode event = envelope.path("event");
    JsonNode value = event.path("action").path("value");
    String action = value.isObject() ? CallbackJson.text(value, "action") : value.asString(null);
    Optional<String> command = CardActions.command(action);
    String messageId = CallbackJson.text(event, "context", "open_message_id");
    String chatId = CallbackJson.text(event, "context", "open_chat_id");
    String userId = CallbackJson.text(event, "operator", "user_id");
    String presser =
        userId == null || userId.isEmpty()
            ? CallbackJson.text(event, "operator", "open_id")
            : userId;
    if (command.isEmpty() || blank(messageId) || blank(chatId) || blank(presser)) {
      return null;
    }
    String tenant = CallbackJson.text(event, "operator", "tenant_key");
    return new NewInboundMessage(
        Platform.FEISHU,
        botId,
        CardActions.pressId(messageId, presser, action.strip()),
        chatId,
        ChatType.GROUP,
        presser,
        null,
        MessageKind.ACTION,
        command.get(),
        CallbackJson.epoch(CallbackJson.text(envelope, "header", "create_time"), now),
        null,
        null,
        plain,
        blank(tenant) ? CallbackJson.text(envelope, "header", "tenant_key") : tenant);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The sender's tenant, else the event's (a tenant's own app sees its own people). */
  private static String tenant(JsonNode envelope, JsonNode event) {
    String sender = CallbackJson.text(event, "sender", "tenant_key");
    return sender != null && !sender.isEmpty()
        ? sender
        : CallbackJson.text(envelope, "header", "tenant_key");
  }

  /** The text content with the leading bot mention removed and other mentions as {@code @name}. */
  private static String text(JsonNode message, ChatType chatType) {
    String content = CallbackJson.text(message, "content");
    if (content == null) {
      return "";
    }
    String text = CallbackJson.text(CallbackJson.parse(content), "text");
    if (text == null) {
      return "";
    }
    if (chatType == ChatType.GROUP) {
      text = LEADING_PLACEHOLDER.matcher(text).replaceFirst("");
    }
    JsonNode mentions = message.path("mentions");
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String name = nameOf(mentions, matcher.group());
      matcher.appendReplacement(
          resolved, Matcher.quoteReplacement(name == null ? matcher.group() : "@" + name));
    }
    matcher.appendTail(resolved);
    return Mentions.trim(resolved.toString());
  }

  private static String nameOf(JsonNode mentions, String key) {
    for (JsonNode mention : mentions) {
      if (key.equals(CallbackJson.text(mention, "key"))) {
        return CallbackJson.text(mention, "name");
      }
    }
    return null;
  }
}
