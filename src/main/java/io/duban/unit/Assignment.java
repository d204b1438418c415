package io.duban.unit;

import java.time.LocalDate;
import java.util.List;

/**
 * Who leads (牵头) and supports (配合) a plan item, by when, and who answers for it.
 *
 * @param leader the responsible leader (责任领导, 分管领导), free text such as {@code 张副局长}, or null
 * @param owner the person responsible in the lead unit (责任人), or null
 */
public record Assignment(
    String itemCode,
    String leadUnit,
    List<String> supportUnits,
    LocalDate deadline,
    List<Milestone> milestones,
    String leader,
    String owner) {

  /** Longest 责任领导 or 责任人 text accepted. */
  public static final int MAX_PERSON = 100;

  public Assignment {
    supportUnits = supportUnits == null ? List.of() : List.copyOf(supportUnits);
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
    leader = person(leader);
    owner = person(owner);
  }

  /** An assignment naming no responsible leader or person. */
  public Assignment(
      String itemCode,
      String leadUnit,
      List<String> supportUnits,
      LocalDate deadline,
      List<Milestone> milestones) {
    this(itemCode, leadUnit, supportUnits, deadline, milestones, null, null);
  }

  /** Blank is none; longer than {@link #MAX_PERSON} is cut (the column refuses more). */
  private static String person(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String one = text.strip().replaceAll("\\s+", " ");
    return one.length() > MAX_PERSON ? one.substring(0, MAX_PERSON) : one;
  }
}
