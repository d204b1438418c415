package io.duban.chat.dingtalk;

import io.duban.chat.CallbackJson;
import io.duban.chat.ChatType;
import io.duban.chat.Mentions;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.PayloadDigest;
import io.duban.chat.Platform;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Normalises DingTalk robot messages and pushed events. */
final class DingTalkMessages {

  private DingTalkMessages() {}

  /** A robot HTTP-mode message; DingTalk already removed the @-mention but left a space. */
  static NewInboundMessage robot(String botId, String body, Instant now) {
    JsonNode json = CallbackJson.parse(body);
    String type = CallbackJson.text(json, "msgtype");
    // DingTalk calls a picture a picture
    MessageKind kind = "picture".equals(type) ? MessageKind.IMAGE : MessageKind.of(type);
    ChatType chatType =
        "1".equals(CallbackJson.text(json, "conversationType")) ? ChatType.SINGLE : ChatType.GROUP;
    String staffId = CallbackJson.text(json, "senderStaffId");
    String sender =
        staffId == null || staffId.isEmpty() ? CallbackJson.text(json, "senderId") : staffId;
    String chatId = CallbackJson.text(json, "conversationId");
    String content = kind == MessageKind.TEXT ? CallbackJson.text(json, "text", "content") : null;
    String expires = CallbackJson.text(json, "sessionWebhookExpiredTime");
    String replyUrl = CallbackJson.text(json, "sessionWebhook");
    return new NewInboundMessage(
        Platform.DINGTALK,
        botId,
        CallbackJson.text(json, "msgId"),
        chatId == null || chatId.isEmpty() ? sender : chatId,
        chatType,
        sender,
        CallbackJson.text(json, "senderNick"),
        kind,
        Mentions.trim(content),
        CallbackJson.epoch(CallbackJson.text(json, "createAt"), now),
        replyUrl == null || replyUrl.isBlank() ? null : replyUrl,
        replyUrl == null ? null : CallbackJson.epoch(expires, null),
        body,
        CallbackJson.text(json, "senderCorpId"));
  }

  /** A pushed event (not a chat message): stored as type {@code event}. */
  static NewInboundMessage event(String botId, String plain, Instant now) {
    JsonNode json = CallbackJson.parse(plain);
    String eventId = CallbackJson.text(json, "EventId");
    return new NewInboundMessage(
        Platform.DINGTALK,
        botId,
        eventId == null || eventId.isEmpty() ? PayloadDigest.of(plain) : "event:" + eventId,
        "",
        ChatType.SINGLE,
        "",
        null,
        MessageKind.EVENT,
        "",
        CallbackJson.epoch(CallbackJson.text(json, "TimeStamp"), now),
        null,
        null,
        plain);
  }
}
