package io.duban.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an item comes from: the annual plan, or, for a 督办事项 (交办事项), the kind of document that gave
 * it; stored by name in {@code plan_item.source} (null for plan items).
 */
public enum TaskSource {
  PLAN("年度计划"),
  INSTRUCTION("领导批示"),
  MEETING("会议议定"),
  PROPOSAL("建议提案"),
  OTHER("其他");

  private final String label;

  TaskSource(String label) {
    this.label = label;
  }

  /** The source as people read it. */
  public String label() {
    return label;
  }

  /**
   * The source a person or a sheet names: the constant's name, its label, or the short words
   * offices write (批示, 会议, 建议, 提案, 代表建议, 政协提案, 其他); empty when none fits.
   */
  public static Optional<TaskSource> read(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    Optional<TaskSource> named =
        Arrays.stream(values())
            .filter(s -> s.name().equalsIgnoreCase(t) || s.label.equals(t))
            .findFirst();
    if (named.isPresent()) {
      return named;
    }
    if (t.contains("批示") || t.contains("指示")) {
      return Optional.of(INSTRUCTION);
    }
    if (t.contains("会议") || t.contains("会")) {
      return Optional.of(MEETING);
    }
    if (t.contains("建议") || t.contains("提案") || t.contains("议案")) {
      return Optional.of(PROPOSAL);
    }
    if (t.contains("计划") || t.contains("要点")) {
      return Optional.of(PLAN);
    }
    return t.contains("其他") || t.contains("其它") ? Optional.of(OTHER) : Optional.empty();
  }
}
