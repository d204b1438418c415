package io.duban.digest;

import java.time.LocalDate;
import java.util.List;

/**
 * The facts of one week that the digest reports, gathered by the schedule feature.
 *
 * @param period ISO week, e.g. {@code 2024-W23}
 * @param from first day (Monday) of the week
 * @param to last day (Sunday) of the week
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
    String period,
    LocalDate from,
    LocalDate to,
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

  /**
   * Leaf items by state; every leaf is in exactly one bucket.
   *
   * @param closed closed by a leader (办结销号), whatever was reported after
   * @param done reported DONE, not yet closed
   */
  public record Counts(
      int closed, int done, int onPace, int behind, int blocked, int notReported) {}

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
   * @param status IN_PROGRESS, DONE, DELAYED, BLOCKED, or null when never reported
   * @param percent latest percent, or null
   * @param summary first line of the latest report, or empty
   * @param reportedThisWeek whether the latest report falls in the digest's week
   * @param closed whether a leader closed it (办结销号) by the end of the week
   */
  public record Item(
      String code,
      String title,
      String unitName,
      String status,
      Integer percent,
      String summary,
      boolean reportedThisWeek,
      boolean closed) {}

  /** A blocked item and the reason its unit gave. */
  public record Blocked(String code, String title, String unitName, String reason) {}
}
