package io.duban.chat;

/**
 * Where a picture or file a person sent can be fetched from the platform: the key its media API
 * takes (WeCom {@code MediaId}, DingTalk {@code downloadCode}, Feishu {@code image_key} or {@code
 * file_key} with the message id).
 *
 * @param platform the chat platform
 * @param botId the bot that received it, whose credentials download it
 * @param messageId the platform's message id (Feishu downloads by message and key)
 * @param key the media key
 * @param kind {@link MessageKind#IMAGE} or {@link MessageKind#FILE}
 * @param fileName the file name the platform gave, or null (pictures have none)
 */
public record MediaRef(
    Platform platform,
    String botId,
    String messageId,
    String key,
    MessageKind kind,
    String fileName) {

  public boolean image() {
    return kind == MessageKind.IMAGE;
  }
}
