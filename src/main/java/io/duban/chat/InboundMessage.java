package io.duban.chat;

import java.time.Instant;

/**
 * One message a person sent to a bot, normalised across platforms and already stored once.
 *
 * @param id database id of the stored row
 * @param platform the chat platform
 * @param botId the configured bot id (from the callback URL)
 * @param platformMessageId the platform's own message id, the dedupe key within a bot
 * @param chatId group chat id, or the sender's id for one-to-one chats
 * @param chatType group or single
 * @param senderId the platform user id of the sender
 * @param senderName display name, when the platform sends one
 * @param messageType what kind of message it is: text, mixed (text and pictures), image, ...
 * @param text the text with the bot's @-mention removed; empty for non-text messages
 * @param sentAt when the sender sent it (platform time)
 * @param replyUrl a platform-provided URL to answer this message (WeCom robot WebhookUrl, DingTalk
 *     sessionWebhook, smart bot response_url), or null
 * @param replyUrlExpiresAt when {@code replyUrl} stops working, or null when unknown
 * @param senderCorp the organisation the platform (or the bot's configuration) says the sender
 *     belongs to, or null
 */
public record InboundMessage(
    long id,
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
    String senderCorp) {

  public InboundMessage {
    messageType = messageType == null ? MessageKind.OTHER : messageType;
  }

  /** A message with no sender organisation. */
  public InboundMessage(
      long id,
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
      Instant replyUrlExpiresAt) {
    this(
        id,
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
        null);
  }

  /** True when the message carries text a person typed (text, or text with pictures). */
  public boolean isText() {
    return messageType.carriesText();
  }
}
