package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import io.duban.plan.PlanItem;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.system.ChineseDates;
import io.duban.unit.Assignment;
import io.duban.unit.GroupChat;
import io.duban.unit.Milestone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 催办: rates every open leaf item blue (deadline near), yellow (behind the expected pace, or silent
 * for a while) or red (overdue, or silent for longer). Yellow and red go to the leaders' groups;
 * each lead unit hears about its own yellow, red and blue items.
 */
@Component
class EscalationPlanner implements FirePlanner {

  /** How urgent an item is; declared from mild to severe. */
  enum Colour {
    BLUE("🔵 蓝色"),
    YELLOW("🟡 黄色"),
    RED("🔴 红色");

    final String label;

    Colour(String label) {
      this.label = label;
    }
  }

  /** An item that needs attention, and why. */
  record Flag(PlanItem item, String leadUnit, Colour colour, String reason) {}

  private final SnapshotReader snapshots;
  private final int yellowAfter;
  private final int redAfter;
  private final int blueWithinDays;
  private final ZoneId zone;

  private final AcknowledgementChase acknowledgements;

  EscalationPlanner(SnapshotReader snapshots, ScheduleProperties properties, ZoneId zone) {
    this(snapshots, properties, zone, null);
  }

  @org.springframework.beans.factory.annotation.Autowired
  EscalationPlanner(
      SnapshotReader snapshots,
      ScheduleProperties properties,
      ZoneId zone,
      AcknowledgementChase acknowledgements) {
    this.acknowledgements = acknowledgements;
    this.snapshots = snapshots;
    this.zone = zone;
    this.yellowAfter = properties.yellowAfterPeriods();
    this.redAfter = properties.redAfterPeriods();
    this.blueWithinDays = properties.blueWithinDays();
  }

  @Override
  public ScheduleKind kind() {
    return ScheduleKind.ESCALATION;
  }

  /** Lead units always hear of their items; the leaders' groups only for target {@code leaders}. */
  @Override
  public Mono<List<Dispatch>> plan(Schedule schedule, Instant at) {
    LocalDate day = at.atZone(schedule.zone()).toLocalDate();
    boolean leaders = schedule.target() instanceof ScheduleTarget.Leaders;
    return snapshots
        .read(at)
        .flatMap(
            snap -> {
              List<GroupChat> groups = leaders ? snap.leaderGroups() : List.of();
              List<Dispatch> flagged = plan(snap, day, groups);
              if (acknowledgements == null) {
                return Mono.just(flagged);
              }
              return acknowledgements
                  .escalations(snap, day, groups)
                  .map(
                      owed -> {
                        List<Dispatch> all = new ArrayList<>(flagged);
                        all.addAll(owed);
                        return all;
                      });
            });
  }

  /**
   * The flags of all open assigned leaf items (neither reported DONE nor closed), most severe
   * first, then in plan order.
   */
  List<Flag> rate(PlanSnapshot s, LocalDate today) {
    ReportWeek week = ReportWeek.of(today);
    List<Flag> flags = new ArrayList<>();
    for (PlanItem item : s.leaves()) {
      Assignment a = s.assignments().get(item.code());
      if (a == null || s.finished(item.code())) {
        continue;
      }
      Optional<ReportFact> latest = s.latest(item.code());
      // Completed weeks without a report: the current week is still running.
      ReportWeek lastWeek =
          latest
              .map(r -> ReportWeek.parse(r.period()))
              .orElse(ReportWeek.of(LocalDate.of(item.year(), 1, 1)).minusWeeks(1));
      long silent = Math.max(0, week.weeksSince(lastWeek) - 1);
      String silence =
          latest.isEmpty()
              ? "从未报送进展"
              : silent > 0
                  ? "已连续" + silent + "周未报送"
                  : "最近报送于" + md(latest.get().createdAt().atZone(zone).toLocalDate(), today);
      Integer percent = latest.map(ReportFact::percent).orElse(null);
      Optional<Milestone> due =
          a.milestones().stream()
              .filter(m -> !m.date().isAfter(today))
              .max(Comparator.comparing(Milestone::date));

      if (a.deadline() != null && today.isAfter(a.deadline())) {
        flags.add(
            new Flag(
                item,
                a.leadUnit(),
                Colour.RED,
                "已超过完成时限（" + md(a.deadline(), today) + "），" + silence));
      } else if (silent >= redAfter) {
        flags.add(new Flag(item, a.leadUnit(), Colour.RED, silence));
      } else if (due.isPresent() && (percent == null || percent < due.get().percent())) {
        flags.add(
            new Flag(
                item,
                a.leadUnit(),
                Colour.YELLOW,
                "进度"
                    + (percent == null ? "未报" : percent + "%")
                    + "，低于"
                    + md(due.get().date(), today)
                    + "节点要求的"
                    + due.get().percent()
                    + "%"));
      } else if (silent >= yellowAfter) {
        flags.add(new Flag(item, a.leadUnit(), Colour.YELLOW, silence));
      } else if (latest
          .map(r -> r.status() == ReportStatus.DELAYED || r.status() == ReportStatus.BLOCKED)
          .orElse(false)) {
        flags.add(
            new Flag(
                item,
                a.leadUnit(),
                Colour.YELLOW,
                "单位报告" + (latest.get().status() == ReportStatus.BLOCKED ? "受阻" : "滞后")));
      } else if (a.deadline() != null
          && ChronoUnit.DAYS.between(today, a.deadline()) <= blueWithinDays) {
        flags.add(
            new Flag(
                item,
                a.leadUnit(),
                Colour.BLUE,
                "距完成时限（"
                    + md(a.deadline(), today)
                    + "）还有"
                    + ChronoUnit.DAYS.between(today, a.deadline())
                    + "天"));
      }
    }
    flags.sort(
        Comparator.comparing((Flag f) -> f.colour())
            .reversed()
            .thenComparing(f -> f.item().position()));
    return flags;
  }

  /** The messages for one escalation run on {@code today} to the leaders' groups and lead units. */
  List<Dispatch> plan(PlanSnapshot s, LocalDate today, List<GroupChat> leaderGroups) {
    List<Flag> flags = rate(s, today);
    ReportWeek week = ReportWeek.of(today);
    List<Dispatch> out = new ArrayList<>();
    List<Flag> serious = flags.stream().filter(f -> f.colour() != Colour.BLUE).toList();
    if (!serious.isEmpty()) {
      String text =
          "【催办】"
              + ChineseDates.week(today, today)
              + "需关注事项\n"
              + lines(s, serious, true)
              + "\n请相关牵头单位尽快报送进展。";
      for (GroupChat g : leaderGroups) {
        out.add(
            new Dispatch(
                g,
                OutboundMessage.text(text, List.of()),
                "escalation:" + week + ":leaders:" + g.id()));
      }
    }
    Map<String, List<Flag>> byUnit = new LinkedHashMap<>();
    flags.forEach(f -> byUnit.computeIfAbsent(f.leadUnit(), u -> new ArrayList<>()).add(f));
    for (Map.Entry<String, List<Flag>> e : byUnit.entrySet()) {
      String unit = e.getKey();
      String text =
          "【催办】"
              + s.unitName(unit)
              + "：以下牵头任务需要关注\n"
              + lines(s, e.getValue(), false)
              + "\n请在本群回复最新进展。";
      for (GroupChat g : s.groups().getOrDefault(unit, List.of())) {
        out.add(
            new Dispatch(
                g,
                OutboundMessage.text(text, s.mentions(unit, g, today)),
                "escalation:" + week + ":" + unit + ":" + g.id()));
      }
    }
    return out;
  }

  private static String lines(PlanSnapshot s, List<Flag> flags, boolean withUnit) {
    StringBuilder out = new StringBuilder();
    Colour current = null;
    for (Flag f : flags) {
      if (f.colour() != current) {
        current = f.colour();
        long n = flags.stream().filter(x -> x.colour() == f.colour()).count();
        out.append(current.label).append("（").append(n).append("项）\n");
      }
      out.append(f.item().code()).append(' ').append(ReminderPlanner.shorten(f.item().title()));
      if (withUnit) {
        out.append("（").append(s.unitName(f.leadUnit())).append("）");
      }
      out.append("：").append(f.reason()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** {@code 12月31日}, with the year when not this year's: {@code 2025年12月31日}. */
  private static String md(LocalDate d, LocalDate today) {
    return ChineseDates.date(d, today);
  }
}
