package io.duban.chat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a button on a card the bot sent stands for, written into the card and read back from the
 * press: {@code ack:J2026-001} is the 签收 of item J2026-001. A press is stored as a message whose
 * text is the command it stands for ({@code 签收 J2026-001}), so it goes through the one path typed
 * commands take, with the same checks of who may give it. Only actions written here are read back:
 * whatever else a callback carries is no command.
 */
public final class CardActions {

  /** The prefix of a 签收 button's action. */
  static final String ACKNOWLEDGE = "ack:";

  /** Item codes as the plan writes them (1.2, 1.2.1, J2026-001); nothing that needs quoting. */
  private static final Pattern ACTION = Pattern.compile("ack:([A-Za-z0-9][A-Za-z0-9.\\-]{0,39})");

  private CardActions() {}

  /** The action of a 签收 button for {@code itemCode}. */
  public static String acknowledge(String itemCode) {
    if (!ACTION.matcher(ACKNOWLEDGE + itemCode).matches()) {
      throw new IllegalArgumentException("not an item code: " + itemCode);
    }
    return ACKNOWLEDGE + itemCode;
  }

  /** The command a pressed button's action stands for, or empty when it is none of ours. */
  public static Optional<String> command(String action) {
    if (action == null) {
      return Optional.empty();
    }
    Matcher m = ACTION.matcher(action.strip());
    return m.matches() ? Optional.of("签收 " + m.group(1)) : Optional.empty();
  }

  /**
   * The platform message id of a press, the dedupe key within the bot: one per card, person and
   * action, so pressing again (or the platform's retry) stores nothing new.
   */
  public static String pressId(String cardId, String presser, String action) {
    return "card:" + cardId + ":" + presser + ":" + action;
  }
}
