package io.duban.plan;

import java.util.List;

/**
 * What revising a stored year's plan with a corrected document changes, for the admin to read
 * before confirming. An item both renamed and renumbered is listed under both.
 *
 * @param added items the stored plan does not have
 * @param renamed items whose title changed
 * @param moved items whose code changed (renumbered or moved under another heading)
 * @param removed items the document no longer has: they are withdrawn, never deleted, and keep
 *     their reports, assignments and closings
 * @param unchanged how many items keep code and title (their text may still be updated)
 */
public record PlanChanges(
    List<Change> added,
    List<Change> renamed,
    List<Change> moved,
    List<Change> removed,
    int unchanged) {

  public PlanChanges {
    added = List.copyOf(added);
    renamed = List.copyOf(renamed);
    moved = List.copyOf(moved);
    removed = List.copyOf(removed);
  }

  /**
   * One item's change.
   *
   * @param oldCode its code in the stored plan, or null when added
   * @param code its code in the document, or null when removed
   * @param oldTitle its stored title, or null when added
   * @param title its title in the document, or null when removed
   */
  public record Change(String oldCode, String code, String oldTitle, String title) {}

  /** True when confirming would change no code or title and add or withdraw nothing. */
  public boolean none() {
    return added.isEmpty() && renamed.isEmpty() && moved.isEmpty() && removed.isEmpty();
  }

  /** A one-line count, in Chinese, for the audit trail and the page. */
  public String summary() {
    return "新增 "
        + added.size()
        + " 项，改名 "
        + renamed.size()
        + " 项，改编号 "
        + moved.size()
        + " 项，撤销 "
        + removed.size()
        + " 项，未变 "
        + unchanged
        + " 项";
  }
}
