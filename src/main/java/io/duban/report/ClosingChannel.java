package io.duban.report;

/** Where a close or reopen was done, kept by name in the audit trail. */
public enum ClosingChannel {
  DASHBOARD("网页"),
  CHAT("群聊"),
  API("接口");

  private final String label;

  ClosingChannel(String label) {
    this.label = label;
  }

  /** Where it was done, as users see it in the item's history. */
  public String label() {
    return label;
  }
}
