package io.duban.report;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the leaders' pages, the ledger and the digest use of an item's latest report: the columns of
 * a {@link ReportFact} and who sent it, read by position (at province scale the board decodes
 * 10,000 of these per request; the 25-column {@link ProgressReport} spent most of it there).
 */
record LatestReport(
    long id,
    String itemCode,
    String unitCode,
    Long contactId,
    String senderId,
    String senderName,
    ReportStatus status,
    Integer percent,
    String text,
    String reason,
    String period,
    Instant reportedAt,
    boolean late,
    boolean overdue,
    ReportResponsibility responsibility) {

  /** The columns {@link #of} reads, in its order. */
  static final String COLUMNS =
      "id, item_code, unit_code, contact_id, sender_id, sender_name, status, percent, text, reason,"
          + " period, reported_at, late, overdue, responsibility";

  /** A row of {@link #COLUMNS}. */
  static LatestReport of(Readable r) {
    return new LatestReport(
        r.get(0, Long.class),
        r.get(1, String.class),
        r.get(2, String.class),
        r.get(3, Long.class),
        r.get(4, String.class),
        r.get(5, String.class),
        ReportStatus.valueOf(r.get(6, String.class)),
        r.get(7, Integer.class),
        r.get(8, String.class),
        r.get(9, String.class),
        r.get(10, String.class),
        r.get(11, OffsetDateTime.class).toInstant(),
        Boolean.TRUE.equals(r.get(12, Boolean.class)),
        Boolean.TRUE.equals(r.get(13, Boolean.class)),
        ReportResponsibility.valueOf(r.get(14, String.class)));
  }
}
