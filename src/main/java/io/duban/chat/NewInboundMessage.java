package io.duban.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified, decrypted and normalised message about to be stored, as every inbound path (HTTP
 * callbacks, or a long connection) produces it.
 *
 * @param platform the chat platform
 * @param botId the configured bot id
 * @param platformMessageId the platform's message id, the dedupe key within the bot
 * @param chatId group chat id, or the sender's id for one-to-one chats; empty for bare events
 * @param chatType group or single
 * @param senderId the platform user id of the sender; empty for bare events
 * @param senderName display name, or null
 * @param messageType what kind of message it is: text, mixed (text and pictures), image, ...
 * @param text the text with the bot's @-mention removed; empty for non-text messages
 * @param sentAt when it was sent (platform time)
 * @param replyUrl a platform-provided URL to answer this message, or null
 * @param replyUrlExpiresAt when {@code replyUrl} stops working, or null
 * @param rawPayload the decrypted payload as the platform sent it
 */
public record NewInboundMessage(
    Platform platform,
    String botId,
    String platformMessageId,
    String chatId,
    ChatType chatType,
    String senderId,
    String senderName,
    MessageKind messageType,
    String text,
    Instant sentAt,
    String replyUrl,
    Instant replyUrlExpiresAt,
    String rawPayload) {

  public NewInboundMessage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(botId, "botId");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(rawPayload, "rawPayload");
    if (platformMessageId == null || platformMessageId.isBlank()) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "message id missing");
    }
    if (platformMessageId.length() > 256) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "message id too long");
    }
    chatId = clip(chatId == null ? "" : chatId, 256);
    chatType = chatType == null ? ChatType.SINGLE : chatType;
    senderId = clip(senderId == null ? "" : senderId, 256);
    senderName = senderName == null || senderName.isBlank() ? null : clip(senderName, 256);
    messageType = messageType == null ? MessageKind.OTHER : messageType;
    text = text == null ? "" : text;
  }

  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
