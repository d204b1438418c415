package io.duban.report;

import io.duban.system.ChineseDates;
import io.duban.unit.Assignment;
import io.duban.unit.Milestone;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one pace and light rule: sets an item's light from its latest report, its pace against the
 * deadline and milestones (序时进度, a line through the milestones), how long it has gone unreported,
 * and whether it is blocked or closed. The board, the ledger, the digest's counts and its chart all
 * ask it, so they cannot disagree about an item.
 */
public final class LightRule {

  /** Percentage points behind the expected pace that turn an item yellow, then red. */
  public static final int YELLOW_GAP = 10;

  public static final int RED_GAP = 20;

  /** Weeks without any report that turn an item yellow, then red. */
  static final int YELLOW_SILENT_WEEKS = 2;

  static final int RED_SILENT_WEEKS = 3;

  private static final int EXCERPT = 40;

  private LightRule() {}

  /**
   * @param assignment the item's responsibility, or null when none is configured
   * @param latest the latest report up to {@code asOf}, or null
   * @param closed true when the item has been closed
   * @param planYear the plan's year; its first day is the start of the pace line
   * @param week the week being looked at; {@code asOf} is the last day considered
   */
  public static Judgement judge(
      Assignment assignment,
      ReportFact latest,
      boolean closed,
      int planYear,
      ReportWeek week,
      LocalDate asOf) {
    Integer expected = expectedPercent(assignment, planYear, asOf);
    if (closed) {
      return new Judgement(Light.CLOSED, List.of("已办结销号"), expected, false);
    }
    if (latest != null && latest.done()) {
      return new Judgement(Light.GREEN, List.of("已报告完成，待领导确认办结"), 100, false);
    }
    Light light = Light.GREEN;
    List<String> reasons = new ArrayList<>();
    int percent = latest == null || latest.percent() == null ? 0 : latest.percent();
    boolean overdue = overdue(assignment, asOf);
    boolean behind = overdue || expected != null && expected - percent >= YELLOW_GAP;
    if (latest != null && latest.status() == ReportStatus.BLOCKED) {
      light = light.worse(Light.RED);
      reasons.add("报告受阻：" + excerpt(latest.text()));
    }
    if (overdue) {
      light = light.worse(Light.RED);
      reasons.add("已超过完成时限（" + ChineseDates.fullDate(assignment.deadline()) + "）");
    } else if (expected != null) {
      int gap = expected - percent;
      if (gap >= RED_GAP) {
        light = light.worse(Light.RED);
        reasons.add("进度 " + percent + "% 落后序时进度 " + expected + "%");
      } else if (gap >= YELLOW_GAP) {
        light = light.worse(Light.YELLOW);
        reasons.add("进度 " + percent + "% 略落后序时进度 " + expected + "%");
      }
    }
    if (latest != null && latest.status() == ReportStatus.DELAYED) {
      light = light.worse(Light.YELLOW);
      reasons.add("单位报告滞后");
    }
    if (latest == null) {
      light = light.worse(Light.YELLOW);
      reasons.add("尚无进展报送");
    } else {
      long silent = silentWeeks(latest, week);
      if (silent >= RED_SILENT_WEEKS) {
        light = light.worse(Light.RED);
        reasons.add("已连续 " + silent + " 周未报送");
      } else if (silent >= YELLOW_SILENT_WEEKS) {
        light = light.worse(Light.YELLOW);
        reasons.add("已连续 " + silent + " 周未报送");
      }
    }
    if (reasons.isEmpty()) {
      reasons.add("进度正常");
    }
    return new Judgement(light, List.copyOf(reasons), expected, behind);
  }

  /** True when the item has a deadline and {@code asOf} is past it. */
  private static boolean overdue(Assignment assignment, LocalDate asOf) {
    return assignment != null
        && assignment.deadline() != null
        && asOf.isAfter(assignment.deadline());
  }

  /** Whole weeks since the week of the latest report: 0 when it reported in {@code week}. */
  static long silentWeeks(ReportFact latest, ReportWeek week) {
    ReportWeek reported = latest.period() == null ? week : ReportWeek.parse(latest.period());
    return Math.max(0, week.weeksSince(reported));
  }

  /**
   * The expected completion on {@code day}: a straight line from 0% on the plan year's first day
   * through each milestone to 100% on the deadline; null when the item has neither.
   */
  public static Integer expectedPercent(Assignment assignment, int planYear, LocalDate day) {
    if (assignment == null) {
      return null;
    }
    List<Milestone> points = new ArrayList<>(assignment.milestones());
    if (assignment.deadline() != null) {
      points.add(new Milestone(assignment.deadline(), 100, null));
    }
    if (points.isEmpty()) {
      return null;
    }
    points.sort(Comparator.comparing(Milestone::date));
    LocalDate fromDay = LocalDate.of(planYear, 1, 1);
    int fromPercent = 0;
    for (Milestone m : points) {
      if (!day.isAfter(m.date())) {
        long span = ChronoUnit.DAYS.between(fromDay, m.date());
        if (span <= 0) {
          return m.percent();
        }
        long done = Math.max(0, ChronoUnit.DAYS.between(fromDay, day));
        return (int) (fromPercent + (m.percent() - fromPercent) * done / span);
      }
      fromDay = m.date();
      fromPercent = m.percent();
    }
    return fromPercent;
  }

  private static String excerpt(String text) {
    return ReporterText.flat(text, EXCERPT + 1);
  }
}
