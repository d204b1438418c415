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
 * @param createdAt the report's one instant (its send time bounded by its receipt), which decided
 *     its period and lateness
 * @param late 迟报: made after its week's due time
 * @param overdue 已逾期: made after the item's deadline without being done
 * @param responsibility what the reporting unit is to the item; only a lead unit's report is the
 *     item's own
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
    boolean late,
    boolean overdue,
    ReportResponsibility responsibility) {

  public ReportFact {
    responsibility = responsibility == null ? ReportResponsibility.LEAD : responsibility;
  }

  /** A lead unit's report, neither overdue nor of another responsibility (tests, simple views). */
  public ReportFact(
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
    this(
        id,
        itemCode,
        unitCode,
        reporter,
        status,
        percent,
        text,
        reason,
        period,
        createdAt,
        late,
        false,
        ReportResponsibility.LEAD);
  }

  /** True when it is the item's own report, its lead unit's. */
  public boolean leads() {
    return responsibility.leads();
  }

  /** 按时 or 迟报, against the week's due time. */
  public String timeliness() {
    return late ? "迟报" : "按时";
  }

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
