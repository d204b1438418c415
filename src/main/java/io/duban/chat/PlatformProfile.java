package io.duban.chat;

/**
 * What the outbox must know of a platform besides how to send to it.
 *
 * @param platform which platform this is
 * @param name its name as failures show it, e.g. {@code WeCom}
 * @param textBytes the largest text, in UTF-8 bytes, one plain text message may carry
 * @param markdownBytes the largest text one markdown message may carry
 * @param rateLimit how many messages one rate bucket (a robot, an app) takes
 */
public record PlatformProfile(
    Platform platform, String name, int textBytes, int markdownBytes, RateLimit rateLimit) {

  /** The largest text one message of {@code format} may carry. */
  public int maxBytes(OutboundMessage.Format format) {
    return format == OutboundMessage.Format.MARKDOWN ? markdownBytes : textBytes;
  }
}
