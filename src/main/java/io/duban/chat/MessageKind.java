package io.duban.chat;

import java.util.Locale;

/**
 * What kind of message a person sent, as every platform's normaliser tells it; stored by its {@link
 * #key()}. Only {@link #TEXT} and {@link #MIXED} messages carry text a person typed.
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
      default -> OTHER;
    };
  }

  /** True when the message carries text a person typed. */
  public boolean carriesText() {
    return this == TEXT || this == MIXED;
  }

  /** The lower-case name stored and logged, e.g. {@code text}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
