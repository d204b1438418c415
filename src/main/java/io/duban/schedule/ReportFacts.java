package io.duban.schedule;

import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * The few facts about progress reports that reminders, escalations and the digest need. A stand-in
 * until the report feature's public {@code ReportService} is on main; {@link SqlReportFacts} reads
 * the {@code progress_report} table directly.
 */
public interface ReportFacts {

  /**
   * One report.
   *
   * @param itemCode plan item code
   * @param unitCode reporting unit
   * @param status IN_PROGRESS, DONE, DELAYED or BLOCKED
   * @param percent reported percent, or null
   * @param text what the contact wrote
   * @param period ISO week, e.g. {@code 2024-W23}
   * @param reportedAt when it was stored
   */
  record Report(
      String itemCode,
      String unitCode,
      String status,
      Integer percent,
      String text,
      String period,
      Instant reportedAt) {}

  /** The latest non-retracted report of each item made before {@code before}. */
  Flux<Report> latestPerItem(Instant before);

  /** Every non-retracted report of {@code period}, oldest first. */
  Flux<Report> inPeriod(String period);
}
