package io.duban.schedule;

import io.duban.plan.PlanItem;
import io.duban.report.ReportFact;
import io.duban.unit.Assignment;
import io.duban.unit.Contact;
import io.duban.unit.GroupChat;
import io.duban.unit.Unit;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What reminders and escalations look at, read once per run.
 *
 * @param items every plan item in document order
 * @param assignments responsibilities by item code
 * @param units units by code
 * @param contacts contacts by unit code
 * @param groups group chats by unit code
 * @param leaderGroups the leaders' group chats
 * @param latest the latest report per item code as of the run
 * @param closed codes of the items closed (办结销号) as of the run
 */
record PlanSnapshot(
    List<PlanItem> items,
    Map<String, Assignment> assignments,
    Map<String, Unit> units,
    Map<String, List<Contact>> contacts,
    Map<String, List<GroupChat>> groups,
    List<GroupChat> leaderGroups,
    Map<String, ReportFact> latest,
    Set<String> closed) {

  PlanSnapshot {
    closed = Set.copyOf(closed);
  }

  List<PlanItem> leaves() {
    return items.stream().filter(PlanItem::leaf).toList();
  }

  Optional<ReportFact> latest(String itemCode) {
    return Optional.ofNullable(latest.get(itemCode));
  }

  /** Closed by a leader: out of reminders and escalations whatever its later reports say. */
  boolean closed(String itemCode) {
    return closed.contains(itemCode);
  }

  /** Nothing left to chase: closed, or its latest report says DONE. */
  boolean finished(String itemCode) {
    return closed(itemCode) || done(itemCode);
  }

  boolean done(String itemCode) {
    return latest(itemCode).map(ReportFact::done).orElse(false);
  }

  String unitName(String unitCode) {
    Unit u = units.get(unitCode);
    return u == null ? unitCode : u.name();
  }

  String leadName(String itemCode) {
    Assignment a = assignments.get(itemCode);
    return a == null ? "" : unitName(a.leadUnit());
  }

  /**
   * Whom to @ in a unit's group on {@code day}: its contacts on that platform who are not on leave;
   * for one who is, the deputy if present and not on leave.
   */
  List<String> mentions(String unitCode, GroupChat group, LocalDate day) {
    List<Contact> all = contacts.getOrDefault(unitCode, List.of());
    return all.stream()
        .filter(c -> c.platform() == group.platform())
        .filter(c -> c.role() == io.duban.unit.ContactRole.CONTACT)
        .map(
            c -> {
              if (!c.onLeave(day)) {
                return Optional.of(c);
              }
              return all.stream()
                  .filter(d -> c.deputyId() != null && d.id() == c.deputyId())
                  .filter(d -> !d.onLeave(day))
                  .findFirst();
            })
        .flatMap(Optional::stream)
        .map(Contact::platformUserId)
        .distinct()
        .toList();
  }
}
