package io.duban.chat.wecom;

import io.duban.chat.OutboundMessage;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app's template card with a button ({@code msgtype} {@code template_card}, {@code card_type}
 * {@code button_interaction}; doc 90236 发送应用消息 模板卡片消息): the message's first line as the title, the
 * rest as the text, and one button whose {@code key} comes back as the press's {@code EventKey}
 * with the card's {@code task_id} as its {@code TaskId}.
 */
final class WeComCards {

  /** The doc suggests titles of at most 36 characters; longer ones are cut on the card. */
  private static final int TITLE_CHARS = 36;

  /** {@code task_id}: letters, digits and {@code _-@}, at most 128 bytes, once per app. */
  private static final int TASK_ID_BYTES = 128;

  private WeComCards() {}

  /** The message/send body: the addressee {@code to}, then the card. */
  static ObjectNode buttonCard(ObjectNode to, OutboundMessage message) {
    OutboundMessage.Button button = message.button();
    String text = message.text().strip();
    int lineEnd = text.indexOf('\n');
    String first = lineEnd < 0 ? text : text.substring(0, lineEnd);
    String rest = lineEnd < 0 ? "" : text.substring(lineEnd + 1).strip();
    String title = message.title().isBlank() ? first : message.title();
    if (!message.title().isBlank()) {
      rest = text;
    }
    to.put("msgtype", "template_card");
    ObjectNode card = to.putObject("template_card").put("card_type", "button_interaction");
    card.putObject("main_title").put("title", clip(title, TITLE_CHARS));
    if (!rest.isEmpty()) {
      card.put("sub_title_text", rest);
    }
    card.put("task_id", taskId(button.cardId()));
    card.putArray("button_list")
        .addObject()
        .put("text", button.label())
        .put("style", 1)
        .put("key", button.action());
    return to;
  }

  /** The card id as a {@code task_id}: other characters become {@code -}, cut to 128. */
  static String taskId(String cardId) {
    String id = cardId.replaceAll("[^A-Za-z0-9_@-]", "-");
    return id.length() <= TASK_ID_BYTES ? id : id.substring(0, TASK_ID_BYTES);
  }

  private static String clip(String text, int max) {
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
