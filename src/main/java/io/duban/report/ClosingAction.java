package io.duban.report;

/** A step in an item's closing history, stored by name in {@code item_closing_audit.action}. */
public enum ClosingAction {
  /** 确认办结: a leader confirmed the lead unit's DONE and closed the item (办结销号). */
  CLOSE("确认办结"),
  /** 重新打开: a leader took a closing back; the item is chased again. */
  REOPEN("重新打开");

  private final String label;

  ClosingAction(String label) {
    this.label = label;
  }

  /** The step as users see it in the item's history. */
  public String label() {
    return label;
  }
}
