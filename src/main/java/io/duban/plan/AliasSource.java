package io.duban.plan;

/** Where an item's alias came from. */
public enum AliasSource {
  /** Read from the plan document when it was imported. */
  IMPORTED,
  /** Added by an admin. */
  ADMIN,
  /** Learned from a report whose item the sender named when the bot asked which one. */
  LEARNED
}
