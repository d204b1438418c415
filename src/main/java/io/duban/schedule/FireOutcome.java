package io.duban.schedule;

/**
 * What one fire of a schedule did.
 *
 * @param outcome SENT (messages queued), NOTHING (nobody needed one), SKIPPED (disabled or not a
 *     work day), MISSED (fired too late to be useful), FAILED
 * @param messages messages newly queued in the outbox
 * @param detail a human-readable line for the fire history
 */
record FireOutcome(Outcome outcome, int messages, String detail) {

  enum Outcome {
    SENT("已发送"),
    NOTHING("无需发送"),
    SKIPPED("已跳过"),
    MISSED("已错过"),
    FAILED("失败");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** The outcome as users see it on the dashboard. */
    String label() {
      return label;
    }
  }
}
