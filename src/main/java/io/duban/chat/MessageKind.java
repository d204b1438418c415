package io.duban.chat;

import java.util.Locale;

/**
 * What kind of message a person sent, as every platform's normaliser tells it; stored by its {@link
 * #key()}. {@link #TEXT} and {@link #MIXED} messages carry text a person typed; an {@link #ACTION}
 * carries the command a pressed button stands for.
 */
public enum MessageKind {
  /** Plain text. */
  TEXT,
  /** Text and pictures together (WeCom smart bot {@code mixed}); the text parts are kept. */
  MIXED,
  /** A picture. */
  IMAGE,
  /** A file. */
  FILE,
  /** A platform event (entering a chat, a subscription check), not a message. */
  EVENT,
  /**
   * A button pressed on a card the bot sent; its text is the command the button stands for ({@link
   * CardActions}), read like typed text.
   */
  ACTION,
  /** Anything else: voice, video, location, a link, rich posts, an unknown or missing type. */
  OTHER;

  /** The kind a platform's type name stands for ({@code text}, {@code image}, ...). */
  public static MessageKind of(String type) {
    if (type == null) {
      return OTHER;
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "mixed" -> MIXED;
      case "image" -> IMAGE;
      case "file" -> FILE;
      case "event" -> EVENT;
      case "action" -> ACTION;
      default -> OTHER;
    };
  }

  /** True when the message carries text to read: typed, or a pressed button's command. */
  public boolean carriesText() {
    return this == TEXT || this == MIXED || this == ACTION;
  }

  /** The lower-case name stored and logged, e.g. {@code text}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
