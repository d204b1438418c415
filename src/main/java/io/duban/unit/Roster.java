package io.duban.unit;

import io.duban.chat.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Units, contacts and group chats as read at one time, with the message path's lookups. */
record Roster(List<Unit> units, List<Contact> contacts, List<GroupChat> groups) {

  Roster {
    units = List.copyOf(units);
    contacts = List.copyOf(contacts);
    groups = List.copyOf(groups);
  }

  Map<String, Unit> unitsByCode() {
    return units.stream().collect(Collectors.toMap(Unit::code, Function.identity(), (a, b) -> a));
  }

  Unit unit(String code) {
    return units.stream().filter(u -> u.code().equals(code)).findFirst().orElse(null);
  }

  Contact contact(long id) {
    return contacts.stream().filter(c -> c.id() == id).findFirst().orElse(null);
  }

  Contact contact(Platform platform, String userId) {
    return contacts.stream()
        .filter(c -> c.platform() == platform && c.platformUserId().equals(userId))
        .findFirst()
        .orElse(null);
  }

  /** What {@link UnitRepository#speaker} answers, found in memory; null when no such contact. */
  Speaker.Found speaker(Platform platform, String botId, String chatId, String userId) {
    Contact c = contact(platform, userId);
    if (c == null) {
      return null;
    }
    String chat = chatId == null ? "" : chatId;
    List<GroupChat> here =
        groups.stream()
            .filter(g -> g.platform() == c.platform() && g.botId().equals(botId))
            .toList();
    List<GroupChat> inChat = here.stream().filter(g -> g.chatId().equals(chat)).toList();
    Map<String, Unit> byCode = unitsByCode();
    return new Speaker.Found(
        c,
        inChat.stream().anyMatch(g -> g.unitCode().equals(c.unitCode())),
        inChat.stream()
            .map(g -> byCode.get(g.unitCode()))
            .filter(Objects::nonNull)
            .anyMatch(u -> u.kind() == UnitKind.LEADERS),
        !inChat.isEmpty(),
        here.stream().anyMatch(g -> g.unitCode().equals(c.unitCode())));
  }
}
