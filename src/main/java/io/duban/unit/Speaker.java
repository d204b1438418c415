package io.duban.unit;

/**
 * A known user id as it speaks in one chat through one bot: the contact, whether the message may be
 * taken as that contact's ({@code trusted}), and whether it comes from where leaders give commands
 * ({@code leadersPlace}).
 *
 * <p>A user id means its contact only where the contact belongs: through a bot that serves the
 * contact's unit, in a chat registered for that unit (a leader: in any chat registered with the
 * bot, since leaders speak in the units' groups too) or in a direct chat with such a bot; and, when
 * the contact names its organisation ({@link Contact#corpId}), only when the message's sender
 * organisation is that one. Leaders' commands come only from the leaders' registered chats or a
 * direct chat with the bot.
 *
 * @param contact the contact with the sender's platform user id
 * @param trusted true when the message is that contact's
 * @param leadersPlace true when trusted and said in a leaders' chat or directly to the bot
 */
public record Speaker(Contact contact, boolean trusted, boolean leadersPlace) {

  /** Where a contact's user id spoke, as the repository found it. */
  record Found(
      Contact contact,
      boolean ownChat,
      boolean leadersChat,
      boolean registeredChat,
      boolean unitBot) {

    Speaker judge(boolean direct, String senderCorp) {
      boolean sameCorp = contact.corpId() == null || contact.corpId().equals(senderCorp);
      boolean leader = contact.role() == ContactRole.LEADER;
      boolean place = direct ? unitBot : ownChat || (leader && registeredChat);
      boolean trusted = sameCorp && place;
      return new Speaker(contact, trusted, trusted && (direct || leadersChat));
    }
  }
}
