package io.duban.delivery;

import io.duban.chat.Platform;
import java.util.Objects;

/**
 * Where an outbound message goes: a bot of a platform and the way it is reached.
 *
 * @param platform the chat platform
 * @param botId the configured bot id
 * @param channel group robot webhook, app API to a chat or to users, or a reply URL
 * @param target chat id (CHAT), user ids separated by {@code |} (USER), the URL (REPLY_URL); empty
 *     for WEBHOOK
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
    REPLY_URL
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
   * The bucket whose platform rate limit this destination shares: a bot's app API, its configured
   * robot webhook, or, for WeCom, the group's own robot webhook a reply URL names (WeCom limits
   * each group robot's webhook key to 20 a minute, so one robot serving many groups answers each at
   * that rate). Other platforms' reply URLs share their bot's bucket. A reply URL is kept as a
   * digest: its query holds the webhook key.
   */
  public String rateKey() {
    if (channel == Channel.CHAT || channel == Channel.USER) {
      return platform.key() + ":" + botId + ":api";
    }
    if (channel == Channel.REPLY_URL && platform == Platform.WECOM) {
      return platform.key() + ":" + botId + ":robot:" + digest(target);
    }
    return platform.key() + ":" + botId + ":robot";
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
