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
