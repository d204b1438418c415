package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import io.duban.plan.PlanItem;
import io.duban.report.ProgressFacts;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import io.duban.system.ChineseDates;
import io.duban.unit.Assignment;
import io.duban.unit.GroupChat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 催报: each unit that leads open leaf items without a report this week gets one message in each of
 * its groups, @-mentioning its contacts (a deputy for one on leave). Units that reported on all
 * their items, DONE items, closed items (办结销号, whatever was reported after) and contacts on leave
 * are left alone.
 */
@Component
class ReminderPlanner implements FirePlanner {

  private final SnapshotReader snapshots;
  private final ProgressFacts reports;
  private final AcknowledgementChase acknowledgements;

  ReminderPlanner(
      SnapshotReader snapshots, ProgressFacts reports, AcknowledgementChase acknowledgements) {
    this.snapshots = snapshots;
    this.reports = reports;
    this.acknowledgements = acknowledgements;
  }

  @Override
  public ScheduleKind kind() {
    return ScheduleKind.REMINDER;
  }

  @Override
  public Mono<List<Dispatch>> plan(Schedule schedule, Instant at) {
    LocalDate day = at.atZone(schedule.zone()).toLocalDate();
    ReportWeek week = ReportWeek.of(day);
    String onlyUnit = schedule.target() instanceof ScheduleTarget.OneUnit one ? one.code() : null;
    return Mono.zip(
            snapshots.read(at),
            reports
                .inWeek(week)
                // a supporting or other unit's report does not excuse the lead unit
                .filter(ReportFact::leads)
                .map(ReportFact::itemCode)
                .collect(Collectors.toSet()))
        .flatMap(
            t ->
                acknowledgements
                    .reminders(t.getT1(), day, onlyUnit)
                    .map(
                        owed -> {
                          // the 签收 reminders go with the 催报, as the same fire
                          List<Dispatch> all =
                              new ArrayList<>(plan(t.getT1(), week, day, t.getT2(), onlyUnit));
                          all.addAll(owed);
                          return all;
                        }));
  }

  /**
   * @param reportedItems item codes with a lead unit's report in {@code week}
   * @param onlyUnit a unit code to remind alone, or null for all units
   */
  static List<Dispatch> plan(
      PlanSnapshot s, ReportWeek week, LocalDate day, Set<String> reportedItems, String onlyUnit) {
    Map<String, List<PlanItem>> missingByUnit = new LinkedHashMap<>();
    for (PlanItem item : s.leaves()) {
      Assignment a = s.assignments().get(item.code());
      if (a == null || s.finished(item.code()) || reportedItems.contains(item.code())) {
        continue;
      }
      if (onlyUnit != null && !onlyUnit.equals(a.leadUnit())) {
        continue;
      }
      missingByUnit.computeIfAbsent(a.leadUnit(), u -> new ArrayList<>()).add(item);
    }
    List<Dispatch> out = new ArrayList<>();
    for (Map.Entry<String, List<PlanItem>> e : missingByUnit.entrySet()) {
      String unit = e.getKey();
      for (GroupChat group : s.groups().getOrDefault(unit, List.of())) {
        String text = text(s.unitName(unit), day, e.getValue());
        out.add(
            new Dispatch(
                group,
                OutboundMessage.text(text, s.mentions(unit, group, day)),
                "reminder:" + day + ":" + unit + ":" + group.id()));
      }
    }
    return out;
  }

  private static String text(String unitName, LocalDate day, List<PlanItem> items) {
    String lines =
        items.stream()
            .map(i -> i.code() + " " + shorten(i.title()))
            .collect(Collectors.joining("\n"));
    return "【督办提醒】"
        + unitName
        + "："
        + ChineseDates.week(day, day)
        + "以下牵头任务尚未报送进展，请在本群回复进展：\n"
        + lines
        + "\n回复示例：“"
        + items.get(0).code()
        + " 已完成材料报送，进度60%”";
  }

  static String shorten(String title) {
    return title.codePointCount(0, title.length()) <= 30
        ? title
        : title.substring(0, title.offsetByCodePoints(0, 29)) + "…";
  }
}
