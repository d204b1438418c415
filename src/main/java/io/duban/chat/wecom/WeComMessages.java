package io.duban.chat.wecom;

import io.duban.chat.CallbackJson;
import io.duban.chat.CardActions;
import io.duban.chat.ChatProperties.WeComKind;
import io.duban.chat.ChatType;
import io.duban.chat.Mentions;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.PayloadDigest;
import io.duban.chat.Platform;
import io.duban.chat.wecom.SecureXml.XmlFields;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Normalises a decrypted WeCom payload: the self-built app's XML, the group robot's XML (or its
 * JSON variant) and the smart bot's JSON.
 */
final class WeComMessages {

  static final String TEMPLATE_CARD_EVENT = "template_card_event";

  private WeComMessages() {}

  static NewInboundMessage normalise(WeComKind kind, String botId, String plain, Instant now) {
    if (plain.stripLeading().startsWith("{")) {
      return fromJson(botId, plain, now);
    }
    XmlFields xml = SecureXml.parse(plain);
    return kind == WeComKind.APP
        ? fromAppXml(botId, xml, plain, now)
        : fromRobotXml(botId, xml, plain, now);
  }

  /** Self-built app: one-to-one messages and events; the chat is the sender. */
  private static NewInboundMessage fromAppXml(
      String botId, XmlFields xml, String plain, Instant now) {
    MessageKind kind = MessageKind.of(xml.text("MsgType"));
    String from = xml.text("FromUserName");
    if (kind == MessageKind.EVENT && TEMPLATE_CARD_EVENT.equals(xml.text("Event"))) {
      Optional<String> command = CardActions.command(xml.text("EventKey"));
      String taskId = xml.text("TaskId");
      if (command.isPresent() && taskId != null && !taskId.isBlank() && from != null) {
        return pressed(botId, xml, plain, now, from, taskId, command.get());
      }
    }
    String msgId = xml.text("MsgId");
    String createTime = xml.text("CreateTime");
    String id =
        msgId != null && !msgId.isEmpty()
            ? msgId
            : from != null && createTime != null
                ? "event:" + from + ":" + createTime + ":" + orEmpty(xml.text("Event"))
                : PayloadDigest.of(plain);
    return new NewInboundMessage(
        Platform.WECOM,
        botId,
        id,
        from,
        ChatType.SINGLE,
        from,
        null,
        kind,
        kind == MessageKind.TEXT ? Mentions.trim(xml.text("Content")) : "",
        CallbackJson.epoch(createTime, now),
        null,
        null,
        plain,
        xml.text("ToUserName"));
  }

  /**
   * A button pressed on an app's template card ({@code Event} {@code template_card_event}, with the
   * button's {@code EventKey} and the card's {@code TaskId}; doc 90240 模板卡片事件推送): the command the
   * button stands for, from the presser in their chat with the app. Keyed by card, presser and
   * button, so pressing again stores nothing new.
   */
  private static NewInboundMessage pressed(
      String botId,
      XmlFields xml,
      String plain,
      Instant now,
      String from,
      String taskId,
      String command) {
    String action = xml.text("EventKey").strip();
    return new NewInboundMessage(
        Platform.WECOM,
        botId,
        CardActions.pressId(taskId, from, action),
        from,
        ChatType.SINGLE,
        from,
        null,
        MessageKind.ACTION,
        command,
        CallbackJson.epoch(xml.text("CreateTime"), now),
        null,
        null,
        plain,
        xml.text("ToUserName"));
  }

  /** Group robot: @-messages in groups (and one-to-one chats with the robot). */
  private static NewInboundMessage fromRobotXml(
      String botId, XmlFields xml, String plain, Instant now) {
    MessageKind kind = MessageKind.of(xml.text("MsgType"));
    ChatType chatType =
        "single".equalsIgnoreCase(xml.text("ChatType")) ? ChatType.SINGLE : ChatType.GROUP;
    String sender = xml.text("From/UserId");
    String chatId = xml.text("ChatId");
    String content = kind == MessageKind.TEXT ? xml.text("Text/Content") : null;
    return new NewInboundMessage(
        Platform.WECOM,
        botId,
        orDigest(xml.text("MsgId"), plain),
        chatId == null || chatId.isEmpty() ? sender : chatId,
        chatType,
        sender,
        xml.text("From/Name"),
        kind,
        text(content, chatType),
        CallbackJson.epoch(xml.text("CreateTime"), now),
        blankToNull(xml.text("WebhookUrl")),
        null,
        plain);
  }

  /** Smart bot (and the group robot's JSON variant). */
  private static NewInboundMessage fromJson(String botId, String plain, Instant now) {
    JsonNode json = CallbackJson.parse(plain);
    MessageKind kind = MessageKind.of(CallbackJson.text(json, "msgtype"));
    ChatType chatType =
        "single".equalsIgnoreCase(CallbackJson.text(json, "chattype"))
            ? ChatType.SINGLE
            : ChatType.GROUP;
    String sender = CallbackJson.text(json, "from", "userid");
    String chatId = CallbackJson.text(json, "chatid");
    String replyUrl = CallbackJson.text(json, "response_url");
    if (replyUrl == null) {
      replyUrl = CallbackJson.text(json, "webhook_url");
    }
    String content =
        switch (kind) {
          case TEXT -> CallbackJson.text(json, "text", "content");
          case MIXED -> mixedText(json);
          default -> null;
        };
    return new NewInboundMessage(
        Platform.WECOM,
        botId,
        orDigest(CallbackJson.text(json, "msgid"), plain),
        chatId == null || chatId.isEmpty() ? sender : chatId,
        chatType,
        sender,
        CallbackJson.text(json, "from", "name"),
        kind,
        text(content, chatType),
        CallbackJson.epoch(CallbackJson.text(json, "create_time"), now),
        blankToNull(replyUrl),
        null,
        plain);
  }

  /** The text parts of a smart bot's mixed (text and image) message, one per line. */
  private static String mixedText(JsonNode json) {
    StringBuilder text = new StringBuilder();
    for (JsonNode item : json.path("mixed").path("msg_item")) {
      String part =
          "text".equals(CallbackJson.text(item, "msgtype"))
              ? CallbackJson.text(item, "text", "content")
              : null;
      if (part != null && !part.isBlank()) {
        text.append(text.isEmpty() ? "" : "\n").append(part);
      }
    }
    return text.toString();
  }

  private static String text(String content, ChatType chatType) {
    if (content == null) {
      return "";
    }
    return chatType == ChatType.GROUP ? Mentions.stripLeading(content) : Mentions.trim(content);
  }

  private static String orDigest(String id, String plain) {
    return id == null || id.isEmpty() ? PayloadDigest.of(plain) : id;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
