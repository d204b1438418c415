package io.duban.report;

/** The conversation commands a contact can give the bot, in Chinese or as {@code /english}. */
enum CommandKind {
  /** 帮助, /help. */
  HELP,
  /** 我的任务, /mine: the sender's unit's items with their last report. */
  MINE,
  /** 查询 1.2, /show 1.2: the latest reports of an item. */
  SHOW,
  /** 撤销, /undo: retracts the sender's last report within the undo window. */
  UNDO,
  /** 修改 …, /edit …: replaces the sender's last report. */
  EDIT,
  /** 同上, 无变化: repeats the last report of an item for this week. */
  SAME,
  /** 未报, /missing: units without a report this week (leaders only). */
  MISSING,
  /** 确认办结 1.3, /close 1.3: a leader confirms a DONE item and closes it (办结销号). */
  CLOSE,
  /** 重新打开 1.3, /reopen 1.3: a leader reopens a closed item. */
  REOPEN
}
