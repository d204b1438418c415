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
  REOPEN,
  /** 交办 规划与法规科 12月15日前 报送……: a leader files a 督办事项, confirmed before it is filed. */
  ASSIGN,
  /** 确认: the leader confirms the 交办 the bot read back. */
  CONFIRM,
  /** 取消: the leader drops the 交办 the bot read back. */
  CANCEL,
  /** 签收 J2026-001: the lead unit acknowledges an assignment. */
  ACKNOWLEDGE,
  /** 申请延期 J2026-001 至1月15日 原因：……: the lead unit asks for a later deadline. */
  EXTEND,
  /** 同意延期 J2026-001: the responsible leader approves the asked deadline. */
  APPROVE_EXTENSION,
  /** 不同意延期 J2026-001 理由: the responsible leader refuses it. */
  REFUSE_EXTENSION,
  /** 退回 1.2 请补充佐证材料: a leader or the 督查 office sends the unit's report back. */
  SEND_BACK,
  /** 申请办结 1.2: the lead unit asks to close the item; the 督查 office reviews it. */
  ASK_CLOSE,
  /** 复核通过 1.2: the 督查 office passes a 申请办结. */
  REVIEW_PASS,
  /** 复核退回 1.2 原因: the 督查 office returns a 申请办结. */
  REVIEW_RETURN
}
