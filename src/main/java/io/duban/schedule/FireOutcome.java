package io.duban.schedule;

import java.util.List;

/**
 * What one fire of a schedule did.
 *
 * @param outcome SENT (messages queued; the stored name predates telling queued from delivered),
 *     NOTHING (nobody needed one), SKIPPED (disabled or not a work day), MISSED (fired too late to
 *     be useful), FAILED (the fire could not be planned or queued)
 * @param messages messages newly queued in the outbox, undeliverable ones included
 * @param detail a human-readable line for the fire history, in Chinese
 * @param keys the outbox keys newly queued, so the history can ask delivery what came of them
 * @param refused how many of the queued messages could not be delivered at all
 */
record FireOutcome(Outcome outcome, int messages, String detail, List<String> keys, int refused) {

  FireOutcome {
    keys = List.copyOf(keys);
  }

  FireOutcome(Outcome outcome, int messages, String detail) {
    this(outcome, messages, detail, List.of(), 0);
  }

  enum Outcome {
    SENT("已排队"),
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
