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
 * @param secret the key that decrypts the download, when the message gave one (a WeCom smart bot's
 *     {@code aeskey} on the long connection), else null; read again from the stored message before
 *     each download, never stored with the evidence
 */
public record MediaRef(
    Platform platform,
    String botId,
    String messageId,
    String key,
    MessageKind kind,
    String fileName,
    String secret) {

  /** A reference without a secret (all but the smart bot's long-connection media). */
  public MediaRef(
      Platform platform,
      String botId,
      String messageId,
      String key,
      MessageKind kind,
      String fileName) {
    this(platform, botId, messageId, key, kind, fileName, null);
  }

  public boolean image() {
    return kind == MessageKind.IMAGE;
  }

  public MediaRef withSecret(String secret) {
    return new MediaRef(platform, botId, messageId, key, kind, fileName, secret);
  }

  /** Without the secret, for logs. */
  @Override
  public String toString() {
    return "MediaRef[" + platform + "/" + botId + ", message " + messageId + ", " + kind + "]";
  }
}
