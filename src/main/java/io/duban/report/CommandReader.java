package io.duban.report;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the conversation commands, Chinese or {@code /english}, at the start of a message. */
final class CommandReader {

  /** A command and where the text after its keyword starts (the end when there is none). */
  record Found(CommandKind kind, int argumentStart) {}

  private static final String END = "[?？!！。.]*$";
  private static final Pattern SLASH =
      Pattern.compile(
          "^/(help|mine|show|undo|edit|missing|same|close|reopen)\\b\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern HELP =
      Pattern.compile(
          "^(?:帮助|help|菜单|使用说明|怎么用|如何使用|(?:怎么|如何)(?:报|填报|汇报|上报)(?:进展|进度)?)" + END,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MINE = Pattern.compile("^我的(?:任务|事项|督办)(?:有哪些|是什么|列表|清单)?" + END);
  private static final Pattern SHOW = Pattern.compile("^(?:查询|查看)\\s*[:：]?\\s*(.*)$");
  private static final Pattern UNDO =
      Pattern.compile("^(?:撤销|撤回|撤消)(?:上一条|上条|刚才的|刚才那条|最后一条)?(?:进展|汇报)?" + END);
  private static final Pattern EDIT =
      Pattern.compile("^(?:修改|更正)\\s*[:：]?\\s*(.+)$", Pattern.DOTALL);
  private static final Pattern SAME =
      Pattern.compile("^(?:本周)?(?:同上|无变化|没有变化|没变化|同上周|与上周相同|和上周一样)" + END);
  private static final Pattern MISSING =
      Pattern.compile("^(?:未报|谁未报|未报单位|哪些单位未报|哪些单位没报|谁还没报|还有谁没报)" + END);

  private static final Pattern CLOSE =
      Pattern.compile("^(?:确认办结|同意办结|办结销号|确认销号)\\s*[:：]?\\s*(.*)$");
  private static final Pattern REOPEN = Pattern.compile("^(?:重新打开|取消办结|撤销办结)\\s*[:：]?\\s*(.*)$");

  private static final String ARG = "\\s*[:：]?\\s*(.*)$";
  private static final Pattern ASSIGN = Pattern.compile("^(?:交办|督办交办|新增交办)" + ARG, Pattern.DOTALL);
  private static final Pattern CONFIRM = Pattern.compile("^(?:确认|确定|确认交办)" + END);
  private static final Pattern CANCEL = Pattern.compile("^(?:取消|取消交办|作废)" + END);
  private static final Pattern ACKNOWLEDGE = Pattern.compile("^(?:签收|确认签收)" + ARG, Pattern.DOTALL);
  private static final Pattern EXTEND = Pattern.compile("^(?:申请延期|延期申请)" + ARG, Pattern.DOTALL);
  private static final Pattern REFUSE_EXTENSION =
      Pattern.compile("^(?:不同意延期|不予延期|驳回延期)" + ARG, Pattern.DOTALL);
  private static final Pattern APPROVE_EXTENSION =
      Pattern.compile("^(?:同意延期|批准延期)" + ARG, Pattern.DOTALL);
  private static final Pattern SEND_BACK = Pattern.compile("^退回" + ARG, Pattern.DOTALL);
  private static final Pattern ASK_CLOSE =
      Pattern.compile("^(?:申请办结|申请销号|办结申请)" + ARG, Pattern.DOTALL);
  private static final Pattern REVIEW_RETURN =
      Pattern.compile("^(?:复核退回|复核不通过)" + ARG, Pattern.DOTALL);
  private static final Pattern REVIEW_PASS = Pattern.compile("^复核通过" + ARG, Pattern.DOTALL);

  /** The handling commands, each with the text after its keyword as argument. */
  private static final java.util.List<java.util.Map.Entry<Pattern, CommandKind>> HANDLING =
      java.util.List.of(
          java.util.Map.entry(ASSIGN, CommandKind.ASSIGN),
          java.util.Map.entry(ACKNOWLEDGE, CommandKind.ACKNOWLEDGE),
          java.util.Map.entry(EXTEND, CommandKind.EXTEND),
          java.util.Map.entry(REFUSE_EXTENSION, CommandKind.REFUSE_EXTENSION),
          java.util.Map.entry(APPROVE_EXTENSION, CommandKind.APPROVE_EXTENSION),
          java.util.Map.entry(SEND_BACK, CommandKind.SEND_BACK),
          java.util.Map.entry(ASK_CLOSE, CommandKind.ASK_CLOSE),
          java.util.Map.entry(REVIEW_RETURN, CommandKind.REVIEW_RETURN),
          java.util.Map.entry(REVIEW_PASS, CommandKind.REVIEW_PASS));

  private CommandReader() {}

  /** The command {@code text} starts with; SAME may follow an item code, see {@link #isSame}. */
  static Optional<Found> read(String text) {
    Matcher slash = SLASH.matcher(text);
    if (slash.matches()) {
      CommandKind kind = CommandKind.valueOf(slash.group(1).toUpperCase(Locale.ROOT));
      return Optional.of(new Found(kind, slash.start(2)));
    }
    if (HELP.matcher(text).matches()) {
      return found(CommandKind.HELP, text.length());
    }
    if (MINE.matcher(text).matches()) {
      return found(CommandKind.MINE, text.length());
    }
    if (UNDO.matcher(text).matches()) {
      return found(CommandKind.UNDO, text.length());
    }
    if (MISSING.matcher(text).matches()) {
      return found(CommandKind.MISSING, text.length());
    }
    if (isSame(text)) {
      return found(CommandKind.SAME, text.length());
    }
    if (CONFIRM.matcher(text).matches()) {
      return found(CommandKind.CONFIRM, text.length());
    }
    if (CANCEL.matcher(text).matches()) {
      return found(CommandKind.CANCEL, text.length());
    }
    for (var handling : HANDLING) {
      Matcher m = handling.getKey().matcher(text);
      if (m.matches()) {
        return found(handling.getValue(), m.start(1));
      }
    }
    Matcher close = CLOSE.matcher(text);
    if (close.matches()) {
      return found(CommandKind.CLOSE, close.start(1));
    }
    Matcher reopen = REOPEN.matcher(text);
    if (reopen.matches()) {
      return found(CommandKind.REOPEN, reopen.start(1));
    }
    Matcher show = SHOW.matcher(text);
    if (show.matches()) {
      return found(CommandKind.SHOW, show.start(1));
    }
    Matcher edit = EDIT.matcher(text);
    if (edit.matches()) {
      return found(CommandKind.EDIT, edit.start(1));
    }
    return Optional.empty();
  }

  /** True when {@code text} (an item code already removed) says nothing changed. */
  static boolean isSame(String text) {
    return SAME.matcher(text).matches();
  }

  private static Optional<Found> found(CommandKind kind, int argumentStart) {
    return Optional.of(new Found(kind, argumentStart));
  }
}
