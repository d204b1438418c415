package io.duban.chat;

import java.util.List;
import java.util.Objects;

/**
 * What to say, platform-neutral.
 *
 * @param format plain text, markdown, an image or a file
 * @param title a short title (DingTalk markdown needs one); may be empty; for FILE the file's name
 * @param text the text or markdown; for IMAGE and FILE the Base64 of the bytes
 * @param mentions platform user ids to @-mention
 */
public record OutboundMessage(Format format, String title, String text, List<String> mentions) {

  /** The kinds of message every platform can render. */
  public enum Format {
    TEXT,
    MARKDOWN,
    IMAGE,
    /**
     * A document sent as a file (WeCom group robots: {@code upload_media}, then a file message).
     */
    FILE;

    /** True when the text is Base64 bytes, never split or shown as text. */
    public boolean binary() {
      return this == IMAGE || this == FILE;
    }
  }

  public OutboundMessage {
    Objects.requireNonNull(format, "format");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }

  public static OutboundMessage text(String text, List<String> mentions) {
    return new OutboundMessage(Format.TEXT, "", text, mentions);
  }

  /** A file named {@code filename} with {@code bytes}. */
  public static OutboundMessage file(String filename, byte[] bytes) {
    return new OutboundMessage(
        Format.FILE, filename, java.util.Base64.getEncoder().encodeToString(bytes), List.of());
  }

  public static OutboundMessage markdown(String title, String text) {
    return new OutboundMessage(Format.MARKDOWN, title, text, List.of());
  }
}
