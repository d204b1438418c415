package io.duban.dashboard;

/** Where a close or reopen was done, kept in the audit trail. */
public enum ClosingChannel {
  DASHBOARD,
  CHAT,
  API
}
