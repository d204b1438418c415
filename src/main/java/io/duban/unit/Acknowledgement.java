package io.duban.unit;

import java.time.Instant;

/**
 * An item's 签收: the lead unit it was assigned to and when, and when and by whom that unit
 * acknowledged it (both null while it is owed).
 */
public record Acknowledgement(
    String itemCode,
    String unitCode,
    Instant assignedAt,
    Instant acknowledgedAt,
    String acknowledgedBy) {

  /** True once the unit has acknowledged the assignment. */
  public boolean acknowledged() {
    return acknowledgedAt != null;
  }
}
