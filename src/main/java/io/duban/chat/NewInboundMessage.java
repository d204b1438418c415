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
 * @param senderCorp the organisation the platform says the sender belongs to (WeCom CorpID,
 *     DingTalk senderCorpId, Feishu tenant_key), or null when it says none
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
    String rawPayload,
    String senderCorp) {

  /** A message whose platform names no sender organisation. */
  public NewInboundMessage(
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
    this(
        platform,
        botId,
        platformMessageId,
        chatId,
        chatType,
        senderId,
        senderName,
        messageType,
        text,
        sentAt,
        replyUrl,
        replyUrlExpiresAt,
        rawPayload,
        null);
  }

  /** This message with {@code corp} as its sender's organisation when it names none itself. */
  public NewInboundMessage withSenderCorpIfAbsent(String corp) {
    if (senderCorp != null || corp == null || corp.isBlank()) {
      return this;
    }
    return new NewInboundMessage(
        platform,
        botId,
        platformMessageId,
        chatId,
        chatType,
        senderId,
        senderName,
        messageType,
        text,
        sentAt,
        replyUrl,
        replyUrlExpiresAt,
        rawPayload,
        corp);
  }

  /**
   * This message answered through {@code url} instead (a long connection's reply handle), which
   * stops working at {@code expiresAt} (null: not known).
   */
  public NewInboundMessage withReplyUrl(String url, Instant expiresAt) {
    return new NewInboundMessage(
        platform,
        botId,
        platformMessageId,
        chatId,
        chatType,
        senderId,
        senderName,
        messageType,
        text,
        sentAt,
        url,
        expiresAt,
        rawPayload,
        senderCorp);
  }

  public NewInboundMessage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(botId, "botId");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(rawPayload, "rawPayload");
    // PostgreSQL text cannot hold NUL, and no other C0 control but tab and line breaks belongs in
    // what people typed: stripped here, so no callback answers 500 (which platforms retry forever)
    platformMessageId = withoutControls(platformMessageId);
    chatId = withoutControls(chatId);
    senderId = withoutControls(senderId);
    senderName = withoutControls(senderName);
    text = withoutControls(text);
    rawPayload = withoutControls(rawPayload);
    replyUrl = withoutControls(replyUrl);
    senderCorp = withoutControls(senderCorp);
    senderCorp = senderCorp == null || senderCorp.isBlank() ? null : clip(senderCorp, 256);
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

  /**
   * {@code value} without C0 control characters other than tab, line feed and carriage return; null
   * stays null.
   */
  public static String withoutControls(String value) {
    if (value == null) {
      return null;
    }
    int i = 0;
    while (i < value.length() && !isStripped(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder kept = new StringBuilder(value.length());
    kept.append(value, 0, i);
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isStripped(c)) {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  private static boolean isStripped(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }

  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
