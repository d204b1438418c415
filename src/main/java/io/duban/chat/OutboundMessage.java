package io.duban.chat;

import java.util.List;
import java.util.Objects;

/**
 * What to say, platform-neutral.
 *
 * @param format plain text, markdown or an image
 * @param title a short title (DingTalk markdown needs one); may be empty
 * @param text the text or markdown; for IMAGE the Base64 of the image bytes
 * @param mentions platform user ids to @-mention
 */
public record OutboundMessage(Format format, String title, String text, List<String> mentions) {

  /** The kinds of message every platform can render. */
  public enum Format {
    TEXT,
    MARKDOWN,
    IMAGE
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

  public static OutboundMessage markdown(String title, String text) {
    return new OutboundMessage(Format.MARKDOWN, title, text, List.of());
  }
}
