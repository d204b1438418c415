package io.duban.report;

import java.util.Comparator;
import java.util.List;

/**
 * What an item's handling waits for, read from its steps and reports: a 延期 the leader has not
 * decided, a 退回 the lead unit has not answered with a new report, and where a 申请办结 stands.
 *
 * @param pendingExtension the undecided 申请延期, or null
 * @param pendingReturn the 退回 not yet answered by a later report of the unit, or null
 * @param closing where the latest 申请办结 stands
 */
public record HandlingState(ItemStep pendingExtension, ItemStep pendingReturn, Closing closing) {

  /** Where the latest 申请办结 stands. */
  public enum Closing {
    /** none asked (or a 复核退回 answered by a new request later). */
    NONE("—"),
    /** asked, waiting for the 督查 office's 复核. */
    ASKED("待复核"),
    /** the 督查 office passed it; the leader may confirm it. */
    PASSED("复核通过，待确认办结"),
    /** the 督查 office returned it. */
    RETURNED("复核退回");

    private final String label;

    Closing(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  static HandlingState of(List<ItemStep> steps, List<ReportFact> reports) {
    ItemStep extension = null;
    ItemStep returned = null;
    Closing closing = Closing.NONE;
    for (ItemStep s : steps) {
      switch (s.kind()) {
        case EXTENSION_ASKED -> extension = s;
        case EXTENSION_APPROVED, EXTENSION_REFUSED -> extension = null;
        case RETURNED -> returned = s;
        case CLOSE_ASKED -> closing = Closing.ASKED;
        case REVIEW_PASSED -> closing = Closing.PASSED;
        case REVIEW_RETURNED -> closing = Closing.RETURNED;
      }
    }
    if (returned != null) {
      ItemStep r = returned;
      boolean answered =
          reports.stream()
              .filter(f -> r.unitCode() == null || r.unitCode().equals(f.unitCode()))
              .max(Comparator.comparing(ReportFact::createdAt))
              .map(f -> f.createdAt().isAfter(r.at()))
              .orElse(false);
      returned = answered ? null : returned;
    }
    return new HandlingState(extension, returned, closing);
  }

  /** A line for the item page and the ledger: what waits, or empty. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    if (pendingExtension != null) {
      s.append("延期申请待审批（至").append(pendingExtension.dueAfter()).append("）");
    }
    if (pendingReturn != null) {
      s.append(s.isEmpty() ? "" : "；").append("已退回，待补充报送");
    }
    if (closing != Closing.NONE) {
      s.append(s.isEmpty() ? "" : "；").append("办结申请").append(closing.label());
    }
    return s.toString();
  }
}
