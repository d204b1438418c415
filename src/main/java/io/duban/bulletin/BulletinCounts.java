package io.duban.bulletin;

import io.duban.report.ItemStanding;
import io.duban.report.ReportStatus;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * The 总体情况 of a 通报: each item in exactly one of 已办结, 正常推进, 进度滞后 and 逾期 (so they add up to the
 * total), and 未报送 beside them (an item behind or overdue may also be unreported).
 *
 * @param finished closed (办结销号) or reported done
 * @param closed of {@code finished}, those a leader closed
 * @param normal open and on pace
 * @param behind open, not past its deadline, behind its pace or reported 滞后 or 受阻
 * @param overdue open, not done, past its deadline
 * @param unreported open, not done, with a lead unit, and no report of that unit in the period
 */
record BulletinCounts(
    int total, int finished, int closed, int normal, int behind, int overdue, int unreported) {

  /** Where an item stands in the 通报. */
  enum Standing {
    FINISHED,
    NORMAL,
    BEHIND,
    OVERDUE
  }

  /**
   * The standing of {@code row} as of {@code asOf}, from the board's own judgement ({@code
   * LightRule}'s pace and the deadline), so the 通报 and the board never disagree on an item.
   */
  static Standing of(ItemStanding row, LocalDate asOf) {
    if (row.closed() || (row.latest() != null && row.latest().done())) {
      return Standing.FINISHED;
    }
    if (row.overdue(asOf)) {
      return Standing.OVERDUE;
    }
    ReportStatus s = row.latest() == null ? null : row.latest().status();
    if (row.judgement().behindPace() || s == ReportStatus.DELAYED || s == ReportStatus.BLOCKED) {
      return Standing.BEHIND;
    }
    return Standing.NORMAL;
  }

  /** True when the row's lead unit owed a report in the period and made none. */
  static boolean unreported(ItemStanding row, Set<String> reported) {
    return of(row, LocalDate.MIN) != Standing.FINISHED
        && row.leadUnit() != null
        && !reported.contains(row.item().code());
  }

  static BulletinCounts of(Collection<ItemStanding> rows, LocalDate asOf, Set<String> reported) {
    int finished = 0;
    int closed = 0;
    int normal = 0;
    int behind = 0;
    int overdue = 0;
    int unreported = 0;
    for (ItemStanding row : rows) {
      switch (of(row, asOf)) {
        case FINISHED -> {
          finished++;
          closed += row.closed() ? 1 : 0;
        }
        case NORMAL -> normal++;
        case BEHIND -> behind++;
        case OVERDUE -> overdue++;
      }
      unreported += unreported(row, reported) ? 1 : 0;
    }
    return new BulletinCounts(rows.size(), finished, closed, normal, behind, overdue, unreported);
  }
}
