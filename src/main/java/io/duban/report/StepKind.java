package io.duban.report;

/** A step of an item's handling, stored by name in {@code item_step.kind}. */
public enum StepKind {
  /** 申请延期: the lead unit asked for a later deadline. */
  EXTENSION_ASKED("申请延期"),
  /** 同意延期: the responsible leader approved; the deadline moved. */
  EXTENSION_APPROVED("同意延期"),
  /** 不同意延期: the responsible leader refused; the deadline stays. */
  EXTENSION_REFUSED("不同意延期"),
  /** 退回: a leader or the 督查 office sent the unit's report back; the unit must answer. */
  RETURNED("退回"),
  /** 申请办结: the lead unit says the item is done and asks to close it. */
  CLOSE_ASKED("申请办结"),
  /** 复核通过: the 督查 office found the 申请办结 sound; the leader may confirm it. */
  REVIEW_PASSED("复核通过"),
  /** 复核退回: the 督查 office sent the 申请办结 back with a reason. */
  REVIEW_RETURNED("复核退回");

  private final String label;

  StepKind(String label) {
    this.label = label;
  }

  /** The step as people read it in the item's timeline and the ledger. */
  public String label() {
    return label;
  }
}
