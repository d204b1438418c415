package io.duban.dashboard;

import java.time.Instant;

/**
 * One stored progress report as the dashboard reads it.
 *
 * @param status IN_PROGRESS, DONE, DELAYED or BLOCKED
 * @param percent the reported completion, or null when the report named none
 * @param period the reporting week, e.g. {@code 2024-W23}
 * @param late true when it arrived after its period's deadline
 */
public record ReportFact(
    long id,
    String itemCode,
    String unitCode,
    String reporter,
    String status,
    Integer percent,
    String text,
    String period,
    Instant createdAt,
    boolean late) {

  public String statusLabel() {
    return ReportStatusLabel.of(status);
  }

  public boolean done() {
    return "DONE".equals(status);
  }
}
