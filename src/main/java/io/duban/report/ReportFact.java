package io.duban.report;

import java.time.Instant;

/**
 * One standing progress report as the board, the ledger, the digest and the schedules read it.
 *
 * @param reporter the registered contact's name, else the name or id the platform gave
 * @param percent the reported completion, or null when the report named none
 * @param text what the contact wrote
 * @param reason for a BLOCKED report, what blocks it; otherwise null
 * @param period the reporting week, e.g. {@code 2024-W23}
 * @param late true when it arrived after the item's deadline without being done
 */
public record ReportFact(
    long id,
    String itemCode,
    String unitCode,
    String reporter,
    ReportStatus status,
    Integer percent,
    String text,
    String reason,
    String period,
    Instant createdAt,
    boolean late) {

  public String statusLabel() {
    return status == null ? "" : status.label();
  }

  public boolean done() {
    return status == ReportStatus.DONE;
  }

  /** What leaders read of it: a blocked report's reason when it gave one, else the text. */
  public String summary() {
    return reason != null && !reason.isBlank() ? reason : text;
  }
}
