package io.duban.unit;

import io.duban.chat.Platform;
import java.time.LocalDate;
import java.util.List;

/**
 * The shape of {@code config/units.yml}: units with their contacts and group chats, and who leads
 * and supports each plan item.
 */
record UnitsDocument(List<UnitEntry> units, List<AssignmentEntry> assignments) {

  UnitsDocument {
    units = units == null ? List.of() : units;
    assignments = assignments == null ? List.of() : assignments;
  }

  record UnitEntry(
      String code,
      String name,
      UnitKind kind,
      List<ContactEntry> contacts,
      List<GroupEntry> groups) {
    UnitEntry {
      contacts = contacts == null ? List.of() : contacts;
      groups = groups == null ? List.of() : groups;
    }
  }

  /**
   * A contact; {@code deputy} names another contact of the same unit by user id; {@code corpId}, if
   * given, the organisation its user id belongs to (WeCom CorpID, DingTalk corpId, Feishu tenant).
   */
  record ContactEntry(
      String name,
      Platform platform,
      String userId,
      ContactRole role,
      LocalDate leaveFrom,
      LocalDate leaveUntil,
      String deputy,
      String corpId) {}

  record GroupEntry(Platform platform, String bot, String chatId, String name) {}

  /** An item's responsibilities; {@code leader} is its 责任领导, {@code owner} its 责任人 (optional). */
  record AssignmentEntry(
      String item,
      String lead,
      List<String> support,
      LocalDate deadline,
      List<Milestone> milestones,
      String leader,
      String owner) {
    Assignment toAssignment() {
      return new Assignment(item, lead, support, deadline, milestones, leader, owner);
    }
  }
}
