package io.duban.bulletin;

import io.duban.bulletin.BulletinCounts.Standing;
import io.duban.report.ClosingRecord;
import io.duban.report.ItemStanding;
import io.duban.report.LightRule;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressSnapshot;
import io.duban.report.ReportFact;
import io.duban.report.ReportWeek;
import io.duban.report.ReporterText;
import io.duban.system.ChineseDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a snapshot of the plan's latest reports and closings into one 通报: the plan as of the
 * period's end, judged by the board's one rule, and the same as of the previous issue's end for the
 * change.
 */
final class BulletinAssembler {

  private static final int REPORTED_CHARS = 120;
  private static final int UNITS_NAMED = 8;

  private final ZoneId zone;
  private final BulletinProperties properties;

  BulletinAssembler(ZoneId zone, BulletinProperties properties) {
    this.zone = zone;
    this.properties = properties;
  }

  /**
   * @param snapshot at least each item's latest lead report before the period's end and before
   *     {@code compared}'s ({@code ProgressReader.before}), and the closings; more reports (every
   *     one) give the same 通报
   * @param compared the period whose end the change is measured from: the previous issue's
   * @param dueText when reports are due each week, e.g. 每周四15:00前
   */
  Bulletin assemble(
      ProgressSnapshot snapshot,
      BulletinPeriod period,
      int number,
      BulletinPeriod compared,
      LocalDate today,
      String dueText) {
    LocalDate asOf = ChineseDates.asOf(period.to(), today);
    PlanStanding now = standing(snapshot, period);
    Set<String> reported = reportedIn(now, period);
    BulletinCounts counts = BulletinCounts.of(now.rows(), asOf, reported);
    PlanStanding before = standing(snapshot, compared);
    BulletinCounts previous =
        BulletinCounts.of(before.rows(), compared.to(), reportedIn(before, compared));

    List<ItemStanding> ahead = ahead(now, period, reported, asOf);
    List<ItemStanding> behind =
        now.rows().stream()
            .filter(r -> BulletinCounts.of(r, asOf) == Standing.OVERDUE)
            .collect(Collectors.toCollection(ArrayList::new));
    now.rows().stream()
        .filter(r -> BulletinCounts.of(r, asOf) == Standing.BEHIND)
        .forEach(behind::add);
    Set<String> unreportedUnits = new LinkedHashSet<>();
    now.rows().stream()
        .filter(r -> BulletinCounts.unreported(r, reported))
        .forEach(r -> unreportedUnits.add(r.leadName()));
    Set<String> behindUnits = new LinkedHashSet<>();
    behind.stream().filter(r -> r.leadUnit() != null).forEach(r -> behindUnits.add(r.leadName()));

    int max = properties.maxListed();
    return new Bulletin(
        period,
        period.year(),
        number,
        snapshot.year(),
        asOf,
        properties.issuer(),
        counts,
        previous,
        ahead.stream().limit(max).map(r -> aheadLine(r, asOf)).toList(),
        Math.max(0, ahead.size() - max),
        behind.stream().limit(max).map(r -> behindLine(r, asOf)).toList(),
        Math.max(0, behind.size() - max),
        List.copyOf(unreportedUnits),
        requirements(counts, List.copyOf(behindUnits), List.copyOf(unreportedUnits), dueText),
        now);
  }

  /**
   * The plan as of the period's end: the snapshot cut at that instant, judged for the week the last
   * day falls in (so a range ending mid-week reads the reports and closings up to its last day).
   */
  private PlanStanding standing(ProgressSnapshot all, BulletinPeriod period) {
    Instant end = period.end(zone);
    List<ReportFact> reports =
        all.reports().stream().filter(r -> r.createdAt().isBefore(end)).toList();
    Map<String, ClosingRecord> closings =
        all.closings().entrySet().stream()
            .filter(e -> e.getValue().at().isBefore(end))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return ProgressSnapshot.of(all.items(), all.assignments(), all.units(), reports, closings)
        .standing(ReportWeek.of(period.to()), zone);
  }

  /**
   * Items whose lead unit reported on them within the period: those whose latest lead report before
   * its end (in {@code standing}, cut there) was made since its start, which is so exactly when any
   * report in between was; so the period's own reports need not be read.
   */
  private Set<String> reportedIn(PlanStanding standing, BulletinPeriod period) {
    Instant start = period.start(zone);
    return standing.rows().stream()
        .filter(r -> r.latest() != null && !r.latest().createdAt().isBefore(start))
        .map(r -> r.item().code())
        .collect(Collectors.toSet());
  }

  /**
   * 进展较快: finished within the period, or reported in it at least {@link LightRule#YELLOW_GAP}
   * points ahead of its pace (序时进度); finished ones first, then by the lead over the pace.
   */
  private List<ItemStanding> ahead(
      PlanStanding now, BulletinPeriod period, Set<String> reported, LocalDate asOf) {
    Instant start = period.start(zone);
    List<ItemStanding> ahead = new ArrayList<>();
    for (ItemStanding r : now.rows()) {
      Standing s = BulletinCounts.of(r, asOf);
      boolean finishedNow =
          s == Standing.FINISHED
              && (r.closed()
                  ? !r.closing().at().isBefore(start)
                  : !r.latest().createdAt().isBefore(start));
      if (finishedNow
          || (s == Standing.NORMAL
              && reported.contains(r.item().code())
              && lead(r) >= LightRule.YELLOW_GAP)) {
        ahead.add(r);
      }
    }
    ahead.sort(
        Comparator.comparing((ItemStanding r) -> BulletinCounts.of(r, asOf) != Standing.FINISHED)
            .thenComparing(Comparator.comparingInt(BulletinAssembler::lead).reversed()));
    return ahead;
  }

  /** Points ahead of pace; very negative without a pace to compare with. */
  private static int lead(ItemStanding r) {
    Integer expected = r.judgement().expectedPercent();
    return expected == null ? Integer.MIN_VALUE / 2 : r.percent() - expected;
  }

  private Bulletin.Line aheadLine(ItemStanding r, LocalDate asOf) {
    String progress;
    if (r.closed()) {
      progress = "已办结销号";
    } else if (r.latest() != null && r.latest().done()) {
      progress = "已报完成，待复核销号";
    } else {
      progress = "已完成" + r.percent() + "%，高于序时进度" + lead(r) + "个百分点";
    }
    return line(r, progress, "", asOf);
  }

  private Bulletin.Line behindLine(ItemStanding r, LocalDate asOf) {
    Integer expected = r.judgement().expectedPercent();
    String progress =
        "已完成"
            + r.percent()
            + "%"
            + (expected == null ? "" : "，序时进度" + expected + "%")
            + (r.deadline() == null ? "" : "，完成时限" + ChineseDates.fullDate(r.deadline()));
    return line(r, progress, r.judgement().reasonText(), asOf);
  }

  private Bulletin.Line line(ItemStanding r, String progress, String reason, LocalDate asOf) {
    ReportFact latest = r.latest();
    String reported =
        latest == null
            ? ""
            : ChineseDates.date(latest.createdAt().atZone(zone).toLocalDate(), asOf)
                + "报送："
                + ReporterText.quoted(latest.summary(), REPORTED_CHARS);
    return new Bulletin.Line(
        r.item().code(),
        ReporterText.flat(r.item().title(), 80),
        r.leadUnit() == null ? "未明确牵头单位" : r.leadName(),
        progress,
        reason,
        reported);
  }

  private static List<String> requirements(
      BulletinCounts counts, List<String> behindUnits, List<String> unreported, String dueText) {
    List<String> out = new ArrayList<>();
    if (counts.behind() + counts.overdue() > 0) {
      out.add("抓好滞后事项整改。请" + names(behindUnits) + "对照完成时限，逐项分析滞后原因，明确整改措施和完成时间，在下次报送进展时一并说明。");
    }
    if (counts.overdue() > 0) {
      out.add("从严推进逾期事项。已超过完成时限的" + counts.overdue() + "项事项，请责任领导督促牵头单位限期办结；确需延期的，按程序申请延期并说明理由。");
    }
    if (!unreported.isEmpty()) {
      out.add(
          "按时报送工作进展。本期"
              + names(unreported)
              + "未按要求报送进展，请于"
              + dueText
              + "通过工作群报送，督查室将对连续未报送的单位予以通报。");
    }
    out.add("加强统筹协调。各牵头单位要对照年度工作计划，加强与配合单位的沟通协作，确保各项任务按时保质完成；已完成的事项请及时申请办结销号。");
    return out;
  }

  private static String names(List<String> units) {
    if (units.isEmpty()) {
      return "各相关单位";
    }
    String named = String.join("、", units.subList(0, Math.min(UNITS_NAMED, units.size())));
    return units.size() > UNITS_NAMED ? named + "等" + units.size() + "个单位" : named;
  }
}
