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
 * @param button a button pressed back to the bot ({@link CardActions}), shown where the destination
 *     renders interactive cards; elsewhere the text alone goes, and it says what to type instead;
 *     null for none
 */
public record OutboundMessage(
    Format format, String title, String text, List<String> mentions, Button button) {

  /**
   * A button on a card: pressing it sends {@code action} back to the bot's callback.
   *
   * @param label what the button says ({@code 签收})
   * @param action what pressing it stands for, as {@link CardActions} writes it
   * @param cardId an id of this card, unique per bot and stable across retries of one send (WeCom
   *     {@code task_id}: letters, digits and {@code _-@}, at most 128 bytes)
   */
  public record Button(String label, String action, String cardId) {
    public Button {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(cardId, "cardId");
    }
  }

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
    if (button != null && format.binary()) {
      throw new IllegalArgumentException("a picture or file carries no button");
    }
  }

  /** A message without a button. */
  public OutboundMessage(Format format, String title, String text, List<String> mentions) {
    this(format, title, text, mentions, null);
  }

  /** This message with {@code button} on it. */
  public OutboundMessage withButton(Button button) {
    return new OutboundMessage(format, title, text, mentions, button);
  }

  /** This message without its button, as destinations that render no cards get it. */
  public OutboundMessage withoutButton() {
    return button == null ? this : new OutboundMessage(format, title, text, mentions, null);
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
