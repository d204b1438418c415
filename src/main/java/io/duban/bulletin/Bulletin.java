package io.duban.bulletin;

import io.duban.report.PlanStanding;
import java.time.LocalDate;
import java.util.List;

/**
 * What one 通报 says, before it is written as a document.
 *
 * @param number the issue number within {@code year} (第N期)
 * @param issuedOn the date it is dated: the period's last day, or today while the period runs
 * @param counts the 总体情况 at the period's end
 * @param previous the same counts at the end of the previous issue's period (or of the days just
 *     before, without an earlier issue this year)
 * @param ahead 进展较快 items, best first, at most the configured number
 * @param aheadMore how many more items were ahead than listed
 * @param behind 进度滞后 and 逾期 items, overdue first, at most the configured number
 * @param behindMore how many more items were behind than listed
 * @param unreportedUnits the lead units that owed a report in the period and made none
 * @param requirements 下一步要求, one paragraph each
 * @param ledger every item as of the period's end: the attached table
 */
record Bulletin(
    BulletinPeriod period,
    int year,
    int number,
    int planYear,
    LocalDate issuedOn,
    String issuer,
    BulletinCounts counts,
    BulletinCounts previous,
    List<Line> ahead,
    int aheadMore,
    List<Line> behind,
    int behindMore,
    List<String> unreportedUnits,
    List<String> requirements,
    PlanStanding ledger) {

  /**
   * One listed item.
   *
   * @param unit the lead unit's name
   * @param progress what its numbers say, e.g. 已完成60%，序时进度50%
   * @param reason why it is listed: the board's reasons for a late item; for a quick one, empty
   * @param reported what the unit reported, flattened and quoted, or empty
   */
  record Line(
      String code, String title, String unit, String progress, String reason, String reported) {}
}
