package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import io.duban.plan.PlanItem;
import io.duban.system.ChineseDates;
import io.duban.unit.Acknowledgement;
import io.duban.unit.Acknowledgements;
import io.duban.unit.GroupChat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 签收 chased like a stale report: an item its lead unit has not acknowledged for {@code
 * acknowledge-remind-after-workdays} work days is named in that unit's groups with each 催报; after
 * {@code acknowledge-escalate-after-workdays} work days the leaders' groups hear of it with the 催办.
 * Work days come from the {@link WorkdayCalendar} (weekends, holidays, 调休).
 */
@Component
class AcknowledgementChase {

  /** An owed 签收 and for how many work days it has been owed. */
  record Owed(PlanItem item, Acknowledgement acknowledgement, int workdays) {}

  private final Acknowledgements acknowledgements;
  private final WorkdayCalendar calendar;
  private final ScheduleProperties properties;
  private final ZoneId zone;

  AcknowledgementChase(
      Acknowledgements acknowledgements,
      WorkdayCalendar calendar,
      ScheduleProperties properties,
      ZoneId zone) {
    this.acknowledgements = acknowledgements;
    this.calendar = calendar;
    this.properties = properties;
    this.zone = zone;
  }

  /** The 签收 still owed on open items as of {@code day}, oldest assignment first. */
  Mono<List<Owed>> owed(PlanSnapshot s, LocalDate day) {
    Map<String, PlanItem> items =
        s.items().stream().collect(Collectors.toMap(PlanItem::code, i -> i));
    return acknowledgements
        .all()
        .filter(a -> !a.acknowledged() && items.containsKey(a.itemCode()))
        .filter(a -> !s.finished(a.itemCode()))
        .map(a -> new Owed(items.get(a.itemCode()), a, workdaysSince(a.assignedAt(), day)))
        .collectSortedList(
            (x, y) -> x.acknowledgement().assignedAt().compareTo(y.acknowledgement().assignedAt()));
  }

  /** The reminders to the units (all, or {@code onlyUnit}) owing a 签收 long enough. */
  Mono<List<Dispatch>> reminders(PlanSnapshot s, LocalDate day, String onlyUnit) {
    int after = properties.acknowledgeRemindAfterWorkdays();
    return owed(s, day)
        .map(
            owed -> {
              Map<String, List<Owed>> byUnit = new LinkedHashMap<>();
              for (Owed o : owed) {
                String unit = o.acknowledgement().unitCode();
                if (o.workdays() >= after && (onlyUnit == null || onlyUnit.equals(unit))) {
                  byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(o);
                }
              }
              List<Dispatch> out = new ArrayList<>();
              byUnit.forEach(
                  (unit, list) -> {
                    String text =
                        "【签收提醒】"
                            + s.unitName(unit)
                            + "：以下交办事项尚未签收，请回复“签收 编号”确认收到：\n"
                            + lines(list, day);
                    for (GroupChat g : s.groups().getOrDefault(unit, List.of())) {
                      out.add(
                          new Dispatch(
                              g,
                              OutboundMessage.text(text, s.mentions(unit, g, day)),
                              "ack-reminder:" + day + ":" + unit + ":" + g.id()));
                    }
                  });
              return out;
            });
  }

  /** The notice to the leaders' groups of 签收 owed past the escalation threshold. */
  Mono<List<Dispatch>> escalations(PlanSnapshot s, LocalDate day, List<GroupChat> leaderGroups) {
    int after = properties.acknowledgeEscalateAfterWorkdays();
    if (leaderGroups.isEmpty()) {
      return Mono.just(List.of());
    }
    return owed(s, day)
        .map(
            owed -> {
              List<Owed> late = owed.stream().filter(o -> o.workdays() >= after).toList();
              if (late.isEmpty()) {
                return List.<Dispatch>of();
              }
              String text =
                  "【签收催办】以下事项交办后超过"
                      + after
                      + "个工作日仍未签收：\n"
                      + late.stream()
                          .map(
                              o ->
                                  o.item().code()
                                      + " "
                                      + ReminderPlanner.shorten(o.item().title())
                                      + "（"
                                      + s.unitName(o.acknowledgement().unitCode())
                                      + "，"
                                      + o.workdays()
                                      + "个工作日）")
                          .collect(Collectors.joining("\n"));
              return leaderGroups.stream()
                  .map(
                      g ->
                          new Dispatch(
                              g,
                              OutboundMessage.text(text, List.of()),
                              "ack-escalation:" + day + ":" + g.id()))
                  .toList();
            });
  }

  private String lines(List<Owed> owed, LocalDate day) {
    return owed.stream()
        .map(
            o ->
                o.item().code()
                    + " "
                    + ReminderPlanner.shorten(o.item().title())
                    + "（"
                    + ChineseDates.date(
                        o.acknowledgement().assignedAt().atZone(zone).toLocalDate(), day)
                    + "交办，已"
                    + o.workdays()
                    + "个工作日）")
        .collect(Collectors.joining("\n"));
  }

  /** Work days after the assignment's day, up to and including {@code day}. */
  int workdaysSince(Instant assignedAt, LocalDate day) {
    LocalDate from = assignedAt.atZone(zone).toLocalDate();
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(day) && n < 366; d = d.plusDays(1)) {
      if (calendar.isWorkday(d)) {
        n++;
      }
    }
    return n;
  }
}
