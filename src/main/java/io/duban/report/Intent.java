package io.duban.report;

/** What a chat message is: a progress report, a command to the bot, or talk the bot ignores. */
public enum Intent {
  REPORT,
  COMMAND,
  CHATTER
}
