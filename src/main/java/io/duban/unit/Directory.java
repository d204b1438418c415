package io.duban.unit;

import io.duban.chat.Platform;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Units, contacts and group chats as read at once, indexed for the message path, which asks who a
 * sender is and where they speak for every message: {@link #speaker} answers what {@code
 * UnitRepository}'s query over the same tables used to.
 */
final class Directory {

  private final List<Unit> units;
  private final Map<String, Unit> unitsByCode;
  private final Map<Long, Contact> contactsById;
  private final Map<String, Contact> contactsByUser = new HashMap<>();
  private final List<GroupChat> groups;
  // the units a chat is registered for, by platform, bot and chat id
  private final Map<String, Set<String>> chatUnits = new HashMap<>();
  // platform, bot and unit of every registered chat: the bots that serve a unit
  private final Set<String> unitBots = new HashSet<>();

  Directory(List<Unit> units, List<Contact> contacts, List<GroupChat> groups) {
    this.units = List.copyOf(units);
    this.unitsByCode =
        units.stream().collect(Collectors.toUnmodifiableMap(Unit::code, Function.identity()));
    this.contactsById =
        contacts.stream().collect(Collectors.toUnmodifiableMap(Contact::id, Function.identity()));
    for (Contact c : contacts) {
      contactsByUser.put(userKey(c.platform(), c.platformUserId()), c);
    }
    this.groups = List.copyOf(groups);
    for (GroupChat g : groups) {
      chatUnits
          .computeIfAbsent(chatKey(g.platform(), g.botId(), g.chatId()), k -> new HashSet<>())
          .add(g.unitCode());
      unitBots.add(chatKey(g.platform(), g.botId(), g.unitCode()));
    }
  }

  List<Unit> units() {
    return units;
  }

  Optional<Unit> unit(String code) {
    return Optional.ofNullable(code == null ? null : unitsByCode.get(code));
  }

  Optional<Contact> contact(long id) {
    return Optional.ofNullable(contactsById.get(id));
  }

  Optional<Contact> contact(Platform platform, String userId) {
    return Optional.ofNullable(contactsByUser.get(userKey(platform, userId)));
  }

  /** Every registered group chat, in the order they were registered. */
  List<GroupChat> groups() {
    return groups;
  }

  /**
   * The contact of this user id with where it speaks: whether the chat is registered for its unit
   * (through this bot), for a leaders' unit, or for any unit, and whether the bot serves its unit.
   */
  Optional<Speaker.Found> speaker(Platform platform, String botId, String chatId, String userId) {
    return contact(platform, userId)
        .map(
            c -> {
              Set<String> registered =
                  chatUnits.getOrDefault(
                      chatKey(c.platform(), botId, chatId == null ? "" : chatId), Set.of());
              boolean leaders =
                  registered.stream()
                      .map(unitsByCode::get)
                      .anyMatch(u -> u != null && u.kind() == UnitKind.LEADERS);
              return new Speaker.Found(
                  c,
                  registered.contains(c.unitCode()),
                  leaders,
                  !registered.isEmpty(),
                  unitBots.contains(chatKey(c.platform(), botId, c.unitCode())));
            });
  }

  private static String userKey(Platform platform, String userId) {
    return platform.name() + '\u0000' + userId;
  }

  private static String chatKey(Platform platform, String botId, String last) {
    return platform.name() + '\u0000' + botId + '\u0000' + last;
  }
}
