package io.duban.report;

import java.util.List;

/** What the bot understood a chat message to be; one variant per intent. */
sealed interface Understanding {

  Intent intent();

  /**
   * A progress report.
   *
   * @param itemCode the leaf item it is about, or null when the bot must ask (see candidates)
   * @param status the status the text states
   * @param percent the progress percent, or null when none is stated
   * @param reason for BLOCKED: what blocks the item, in the sender's words; otherwise null
   * @param candidates items matched from the text, best first; empty when a code was given
   * @param text the report text without the bot mention, label and item reference
   */
  record Report(
      String itemCode,
      ReportStatus status,
      Integer percent,
      String reason,
      List<Candidate> candidates,
      String text)
      implements Understanding {

    public Report {
      candidates = List.copyOf(candidates);
    }

    @Override
    public Intent intent() {
      return Intent.REPORT;
    }

    /** True when the item is unknown and the sender must be asked which one is meant. */
    boolean needsItem() {
      return itemCode == null;
    }

    Report withItem(String code) {
      return new Report(code, status, percent, reason, List.of(), text);
    }
  }

  /**
   * A command to the bot.
   *
   * @param kind which command
   * @param itemCode the item the command names, or null
   * @param payload for EDIT: the replacement report; otherwise null
   * @param argument the text after the command's keyword (empty when none)
   */
  record Command(CommandKind kind, String itemCode, Report payload, MessageText argument)
      implements Understanding {

    Command(CommandKind kind, String itemCode, Report payload) {
      this(kind, itemCode, payload, MessageText.of(""));
    }

    @Override
    public Intent intent() {
      return Intent.COMMAND;
    }
  }

  /**
   * Several reports in one message, each line starting with its own item code (a weekly round-up
   * such as {@code 1.1 …\n1.2 …}). Lines without a code continue the report above them.
   *
   * @param reports the reports in message order; some may still need their item
   */
  record Batch(List<Report> reports) implements Understanding {

    public Batch {
      reports = List.copyOf(reports);
    }

    @Override
    public Intent intent() {
      return Intent.REPORT;
    }
  }

  /** Talk that needs no answer: thanks, greetings, meeting notices. */
  record Chatter() implements Understanding {
    @Override
    public Intent intent() {
      return Intent.CHATTER;
    }
  }
}
