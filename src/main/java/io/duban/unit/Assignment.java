package io.duban.unit;

import java.time.LocalDate;
import java.util.List;

/** Who leads (牵头) and supports (配合) a plan item, and by when. */
public record Assignment(
    String itemCode,
    String leadUnit,
    List<String> supportUnits,
    LocalDate deadline,
    List<Milestone> milestones) {

  public Assignment {
    supportUnits = supportUnits == null ? List.of() : List.copyOf(supportUnits);
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
  }
}
