package io.duban.chat;

import java.util.regex.Pattern;

/**
 * Removes the bot's own @-mention from a group message. Platforms deliver a group message to a bot
 * only when it is mentioned, and clients put that mention first; the bot's display name is not part
 * of the callback, so the leading mention is the one removed.
 */
public final class Mentions {

  // WeCom separates a mention from the text with U+2005; \s covers it in Unicode mode
  private static final Pattern LEADING_MENTION =
      Pattern.compile("^[\\s]*@[^\\s]+[\\s]*", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern EDGE_SPACE =
      Pattern.compile("^[\\s]+|[\\s]+$", Pattern.UNICODE_CHARACTER_CLASS);

  private Mentions() {}

  /** The text without its leading {@code @name} and without surrounding white space. */
  public static String stripLeading(String text) {
    if (text == null) {
      return "";
    }
    return trim(LEADING_MENTION.matcher(text).replaceFirst(""));
  }

  /** Trims white space including the ideographic and WeCom mention spaces. */
  public static String trim(String text) {
    return text == null ? "" : EDGE_SPACE.matcher(text).replaceAll("");
  }
}
