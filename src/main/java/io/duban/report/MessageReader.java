package io.duban.report;

import io.duban.chat.ChatType;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.unit.Assignment;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import io.duban.unit.Speaker;
import io.duban.unit.UnitService;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a message the way the bot does for a given sender: finds the sender as a contact, boosts
 * their unit's items, and parses. Live messages and the admin preview both come through here.
 */
@Component
class MessageReader {

  /** What was understood, from whom (null contact when unregistered), with the unit's items. */
  record Reading(Understanding understanding, Contact contact, Set<String> unitItems) {
    Optional<Contact> sender() {
      return Optional.ofNullable(contact);
    }
  }

  private final ItemUnderstanding understanding;
  private final UnitService units;

  MessageReader(ItemUnderstanding understanding, UnitService units) {
    this.understanding = understanding;
    this.units = units;
  }

  /**
   * Reads a stored message as its sender's where the sender's user id is bound: the contact's own
   * bot and registered chats (or a direct chat with the bot), and its organisation ({@link
   * UnitService#speaker}). Elsewhere the message is read as from an unregistered sender: stored
   * unverified, no command as that person. A leader's command counts as a leader's only from the
   * leaders' registered chats or a direct chat with the bot.
   */
  Mono<Reading> read(InboundMessage message) {
    String senderId = message.senderId();
    if (senderId == null || senderId.isBlank() || message.platform() == null) {
      return read(message.text(), Mono.empty());
    }
    return units
        .speaker(
            message.platform(),
            message.botId(),
            message.chatId(),
            message.chatType() == ChatType.SINGLE,
            senderId,
            message.senderCorp())
        .filter(Speaker::trusted)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            speaker ->
                read(message.text(), Mono.justOrEmpty(speaker.map(Speaker::contact)))
                    .map(reading -> asLeaderOnlyWhereLeadersSpeak(reading, speaker)));
  }

  /** A leader's command from outside the leaders' places is not a leader's command. */
  private static Reading asLeaderOnlyWhereLeadersSpeak(Reading reading, Optional<Speaker> speaker) {
    boolean leaderCommand =
        reading.understanding() instanceof Understanding.Command
            && reading.contact() != null
            && reading.contact().role() == ContactRole.LEADER;
    if (leaderCommand && speaker.map(s -> !s.leadersPlace()).orElse(true)) {
      return new Reading(reading.understanding(), null, Set.of());
    }
    return reading;
  }

  /** Reads {@code text} from a sender known by platform and user id. */
  Mono<Reading> read(String text, Platform platform, String senderId) {
    Mono<Contact> contact =
        senderId == null || platform == null ? Mono.empty() : units.findContact(platform, senderId);
    return read(text, contact);
  }

  /** Reads {@code text} from a sender known only by user id, on whatever platform (preview). */
  Mono<Reading> readForUser(String text, String senderId) {
    Mono<Contact> contact =
        senderId == null || senderId.isBlank()
            ? Mono.empty()
            : units.allContacts().filter(c -> c.platformUserId().equals(senderId)).next();
    return read(text, contact);
  }

  private Mono<Reading> read(String text, Mono<Contact> contact) {
    return contact
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            sender ->
                unitItems(sender.map(Contact::unitCode).orElse(null))
                    .zipWith(understanding.parser())
                    .map(
                        t ->
                            new Reading(
                                t.getT2().parse(text, t.getT1()), sender.orElse(null), t.getT1())));
  }

  /** Codes of the items the unit leads or supports. */
  Mono<Set<String>> unitItems(String unitCode) {
    if (unitCode == null) {
      return Mono.just(Set.of());
    }
    return units
        .recentAssignments()
        .filter(a -> unitCode.equals(a.leadUnit()) || a.supportUnits().contains(unitCode))
        .map(Assignment::itemCode)
        .collect(Collectors.toUnmodifiableSet());
  }
}
