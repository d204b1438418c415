package io.duban.digest;

import io.duban.report.Light;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of one week that the digest reports.
 *
 * @param week the reporting week
 * @param counts headline counts at the end of the week
 * @param previous the same counts a week earlier, for the change
 * @param sections the plan's sections with each leaf item's state
 * @param blocked open items whose latest report says 受阻, with the reason given
 * @param missingUnits names of lead units that did not report on an open (not DONE, not closed)
 *     item this week
 * @param lateUnits names of lead units whose first report of the week came after it was due
 * @param dashboardUrl link to the leaders' dashboard, or null when no public URL is configured
 * @param overdue open items past their deadline at the end of the week, as the board shows them red
 * @param unreached the group chats the previous week's digest did not reach (failed or still
 *     waiting), by name
 * @param highlights what a large plan's digest summarises instead of listing every item
 */
public record WeeklyDigest(
    ReportWeek week,
    Counts counts,
    Counts previous,
    List<Section> sections,
    List<Blocked> blocked,
    List<String> missingUnits,
    List<String> lateUnits,
    String dashboardUrl,
    List<Overdue> overdue,
    List<String> unreached,
    Highlights highlights,
    List<String> extensions) {

  /** Most approved 延期 named one by one; the rest are counted. */
  public static final int EXTENSIONS_LISTED = 5;

  public WeeklyDigest {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    sections = List.copyOf(sections);
    blocked = List.copyOf(blocked);
    missingUnits = List.copyOf(missingUnits);
    lateUnits = List.copyOf(lateUnits);
    overdue = List.copyOf(overdue);
    unreached = List.copyOf(unreached);
    highlights = highlights == null ? Highlights.NONE : highlights;
  }

  /** A digest without approved 延期 of the week. */
  public WeeklyDigest(
      ReportWeek week,
      Counts counts,
      Counts previous,
      List<Section> sections,
      List<Blocked> blocked,
      List<String> missingUnits,
      List<String> lateUnits,
      String dashboardUrl,
      List<Overdue> overdue,
      List<String> unreached,
      Highlights highlights) {
    this(
        week,
        counts,
        previous,
        sections,
        blocked,
        missingUnits,
        lateUnits,
        dashboardUrl,
        overdue,
        unreached,
        highlights,
        List.of());
  }

  /** The same digest naming the week's approved 延期, each as {@code J2024-001 至2024年7月15日}. */
  public WeeklyDigest withExtensions(List<String> approved) {
    return new WeeklyDigest(
        week,
        counts,
        previous,
        sections,
        blocked,
        missingUnits,
        lateUnits,
        dashboardUrl,
        overdue,
        unreached,
        highlights,
        approved);
  }

  /** The approved 延期 line, or blank: a few named, the rest counted. */
  public String extensionsLine() {
    if (extensions.isEmpty()) {
      return "";
    }
    String named =
        String.join("、", extensions.subList(0, Math.min(EXTENSIONS_LISTED, extensions.size())));
    return "本周同意延期 "
        + extensions.size()
        + " 项："
        + named
        + (extensions.size() > EXTENSIONS_LISTED ? " 等" : "");
  }

  /** A digest without highlights (a plan small enough to be listed whole needs none). */
  public WeeklyDigest(
      ReportWeek week,
      Counts counts,
      Counts previous,
      List<Section> sections,
      List<Blocked> blocked,
      List<String> missingUnits,
      List<String> lateUnits,
      String dashboardUrl,
      List<Overdue> overdue,
      List<String> unreached) {
    this(
        week,
        counts,
        previous,
        sections,
        blocked,
        missingUnits,
        lateUnits,
        dashboardUrl,
        overdue,
        unreached,
        Highlights.NONE);
  }

  /** A digest with no overdue items and every group of the week before reached. */
  public WeeklyDigest(
      ReportWeek week,
      Counts counts,
      Counts previous,
      List<Section> sections,
      List<Blocked> blocked,
      List<String> missingUnits,
      List<String> lateUnits,
      String dashboardUrl) {
    this(
        week,
        counts,
        previous,
        sections,
        blocked,
        missingUnits,
        lateUnits,
        dashboardUrl,
        List.of(),
        List.of());
  }

  /** This digest, saying which groups the previous week's digest did not reach. */
  public WeeklyDigest withUnreached(List<String> groups) {
    return new WeeklyDigest(
        week,
        counts,
        previous,
        sections,
        blocked,
        missingUnits,
        lateUnits,
        dashboardUrl,
        overdue,
        groups,
        highlights,
        extensions);
  }

  /** The week as stored, e.g. {@code 2024-W23}. */
  public String period() {
    return week.toString();
  }

  /** First day (Monday) of the week. */
  public LocalDate from() {
    return week.monday();
  }

  /** Last day (Sunday) of the week. */
  public LocalDate to() {
    return week.sunday();
  }

  /**
   * Leaf items counted as the board counts them: each in exactly one light ({@code closed}, {@code
   * green}, {@code yellow}, {@code red}, the board's {@link Light}s by the one {@code LightRule}),
   * then the facts behind the lights, which overlap (an overdue item may also be unreported).
   *
   * @param closed closed by a leader (办结销号), whatever was reported after
   * @param done open and reported DONE (已完成待销号)
   * @param overdue open, not done, past its deadline (已逾期)
   * @param behind open, not done, reported 滞后 or behind its pace, overdue ones included
   * @param blocked open, its latest report 受阻
   * @param notReported open, not done, no report this week
   */
  public record Counts(
      int closed,
      int green,
      int yellow,
      int red,
      int done,
      int overdue,
      int behind,
      int blocked,
      int notReported) {

    /** The counts of the given items. */
    public static Counts of(Collection<Item> items) {
      Map<Light, Integer> n = new EnumMap<>(Light.class);
      int done = 0;
      int overdue = 0;
      int behind = 0;
      int blocked = 0;
      int notReported = 0;
      for (Item i : items) {
        n.merge(i.light(), 1, Integer::sum);
        if (i.closed()) {
          continue;
        }
        boolean isDone = i.status() == ReportStatus.DONE;
        done += isDone ? 1 : 0;
        overdue += i.overdue() ? 1 : 0;
        behind +=
            !isDone && (i.status() == ReportStatus.DELAYED || i.behindPace() || i.overdue())
                ? 1
                : 0;
        blocked += i.status() == ReportStatus.BLOCKED ? 1 : 0;
        notReported += !isDone && !i.reportedThisWeek() ? 1 : 0;
      }
      return new Counts(
          n.getOrDefault(Light.CLOSED, 0),
          n.getOrDefault(Light.GREEN, 0),
          n.getOrDefault(Light.YELLOW, 0),
          n.getOrDefault(Light.RED, 0),
          done,
          overdue,
          behind,
          blocked,
          notReported);
    }
  }

  /** A top-level section of the plan ({@code 1} … {@code 8}) and its reportable items. */
  public record Section(String code, String title, List<Item> items) {
    public Section {
      items = List.copyOf(items);
    }
  }

  /**
   * One reportable item.
   *
   * @param code plan code
   * @param title item title
   * @param unitName lead unit name, or empty
   * @param status the latest report's status, or null when never reported
   * @param percent latest percent, or null
   * @param summary the latest report as leaders read it (a blocked one's reason), or empty
   * @param reportedThisWeek whether the item has a report in the digest's week
   * @param closed whether a leader closed it (办结销号) by the end of the week
   * @param behindPace whether the board's pace rule ({@code LightRule}) has it behind pace
   * @param light the light the board shows for it
   * @param overdue whether it is open, not done and past its deadline
   */
  public record Item(
      String code,
      String title,
      String unitName,
      ReportStatus status,
      Integer percent,
      String summary,
      boolean reportedThisWeek,
      boolean closed,
      boolean behindPace,
      Light light,
      boolean overdue) {}

  /** A blocked item and the reason its unit gave. */
  public record Blocked(String code, String title, String unitName, String reason) {}

  /** An open item past its deadline. */
  public record Overdue(String code, String title, String unitName, LocalDate deadline) {}

  /**
   * What a large plan's digest says instead of every item: the items whose light changed since the
   * week before, and the red items of each responsible leader's area, worst first.
   *
   * @param changes items whose light at the end of the week differs from a week earlier, in plan
   *     order
   * @param redsByLeader the red items per responsible leader (责任领导), leaders by most red items;
   *     items naming no leader under {@link #NO_LEADER}
   */
  public record Highlights(List<Change> changes, List<LeaderReds> redsByLeader) {

    public static final String NO_LEADER = "未明确责任领导";

    static final Highlights NONE = new Highlights(List.of(), List.of());

    public Highlights {
      changes = List.copyOf(changes);
      redsByLeader = List.copyOf(redsByLeader);
    }
  }

  /** An item whose light changed since the week before. */
  public record Change(String code, String title, String unitName, Light from, Light to) {}

  /** A leader's red items, worst first (overdue, then the least complete), and how many in all. */
  public record LeaderReds(String leader, int count, List<Item> items) {
    public LeaderReds {
      items = List.copyOf(items);
    }
  }
}
