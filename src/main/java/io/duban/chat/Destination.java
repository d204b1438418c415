package io.duban.chat;

import java.util.Objects;

/**
 * Where an outbound message goes: a bot of a platform and the way it is reached.
 *
 * @param platform the chat platform
 * @param botId the configured bot id
 * @param channel group robot webhook, app API to a chat or to users, or a reply URL
 * @param target chat id (CHAT), user ids separated by {@code |} (USER), the URL (REPLY_URL), the
 *     platform's handle of the card to update (CARD); empty for WEBHOOK
 */
public record Destination(Platform platform, String botId, Channel channel, String target) {

  /** How a message reaches its chat. */
  public enum Channel {
    /** The bot's group robot / custom bot webhook; it posts into the one group it belongs to. */
    WEBHOOK,
    /** The platform's message API to a group chat id. */
    CHAT,
    /** The platform's message API to one or more users. */
    USER,
    /**
     * A URL the platform gave with an inbound message (WeCom WebhookUrl, DingTalk sessionWebhook).
     */
    REPLY_URL,
    /**
     * A card the bot sent, updated in place after a button on it was pressed (WeCom {@code
     * update_template_card} with the press's response code, Feishu {@code PATCH im/v1/messages}).
     */
    CARD
  }

  public Destination {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(botId, "botId");
    Objects.requireNonNull(channel, "channel");
    target = target == null ? "" : target;
  }

  public static Destination webhook(Platform platform, String botId) {
    return new Destination(platform, botId, Channel.WEBHOOK, "");
  }

  public static Destination chat(Platform platform, String botId, String chatId) {
    return new Destination(platform, botId, Channel.CHAT, chatId);
  }

  /**
   * How Duban reaches a group chat of a bot: through the platform's message API when {@code viaApi}
   * (the bot has app credentials) and the chat id is known, else through the bot's group robot
   * webhook.
   */
  public static Destination group(Platform platform, String botId, String chatId, boolean viaApi) {
    boolean hasChat = chatId != null && !chatId.isBlank();
    return hasChat && viaApi ? chat(platform, botId, chatId) : webhook(platform, botId);
  }

  /**
   * The rate bucket of this destination's bot: its app API for chats, users and cards, its robot
   * webhook otherwise (reply URLs included).
   */
  public String botBucket() {
    String kind =
        channel == Channel.CHAT || channel == Channel.USER || channel == Channel.CARD
            ? "api"
            : "robot";
    return platform.key() + ":" + botId + ":" + kind;
  }

  /**
   * A bucket of its own for the robot a reply URL names, for platforms that limit each robot's
   * webhook key; the URL is kept as a digest, since its query holds the key.
   */
  public String replyUrlBucket() {
    return botBucket() + ":" + digest(target);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** A stable text form for the outbox and the admin API; reply URLs are cut to their host. */
  public String describe() {
    String shown = channel == Channel.REPLY_URL ? hostOf(target) : target;
    return platform.key()
        + ":"
        + botId
        + ":"
        + channel.name().toLowerCase(java.util.Locale.ROOT)
        + (shown.isEmpty() ? "" : ":" + shown);
  }

  private static String hostOf(String url) {
    try {
      String host = java.net.URI.create(url).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
