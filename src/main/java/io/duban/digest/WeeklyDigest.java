package io.duban.digest;

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
 */
public record WeeklyDigest(
    ReportWeek week,
    Counts counts,
    Counts previous,
    List<Section> sections,
    List<Blocked> blocked,
    List<String> missingUnits,
    List<String> lateUnits,
    String dashboardUrl) {

  public WeeklyDigest {
    sections = List.copyOf(sections);
    blocked = List.copyOf(blocked);
    missingUnits = List.copyOf(missingUnits);
    lateUnits = List.copyOf(lateUnits);
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

  /** The one headline bucket a leaf item is counted in. */
  public enum Bucket {
    CLOSED,
    DONE,
    NOT_REPORTED,
    BLOCKED,
    BEHIND,
    ON_PACE
  }

  /**
   * Leaf items by state; every leaf is in exactly one bucket.
   *
   * @param closed closed by a leader (办结销号), whatever was reported after
   * @param done reported DONE, not yet closed
   */
  public record Counts(int closed, int done, int onPace, int behind, int blocked, int notReported) {

    /** The counts of the given items' buckets. */
    public static Counts of(Collection<Item> items) {
      Map<Bucket, Integer> n = new EnumMap<>(Bucket.class);
      items.forEach(i -> n.merge(i.bucket(), 1, Integer::sum));
      return new Counts(
          n.getOrDefault(Bucket.CLOSED, 0),
          n.getOrDefault(Bucket.DONE, 0),
          n.getOrDefault(Bucket.ON_PACE, 0),
          n.getOrDefault(Bucket.BEHIND, 0),
          n.getOrDefault(Bucket.BLOCKED, 0),
          n.getOrDefault(Bucket.NOT_REPORTED, 0));
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
      boolean behindPace) {

    /**
     * Closed whatever was reported after the closing; then done, not reported this week, blocked,
     * behind (reported 滞后 or behind pace), on pace.
     */
    public Bucket bucket() {
      if (closed) {
        return Bucket.CLOSED;
      }
      if (status == ReportStatus.DONE) {
        return Bucket.DONE;
      }
      if (!reportedThisWeek) {
        return Bucket.NOT_REPORTED;
      }
      if (status == ReportStatus.BLOCKED) {
        return Bucket.BLOCKED;
      }
      return status == ReportStatus.DELAYED || behindPace ? Bucket.BEHIND : Bucket.ON_PACE;
    }
  }

  /** A blocked item and the reason its unit gave. */
  public record Blocked(String code, String title, String unitName, String reason) {}
}
