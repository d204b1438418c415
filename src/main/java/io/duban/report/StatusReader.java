package io.duban.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the status a message states. BLOCKED (受阻, 卡住, 需协调, 困难) wins over DELAYED (滞后, 延期, 推迟, 进度慢),
 * which wins over DONE (已完成, 办结, 100%). Completing a named sub-step ({@code 已完成…方案，进度60%}) or any
 * percent under 100 leaves the item IN_PROGRESS.
 */
final class StatusReader {

  private static final String NEGATION = "(?<!未|无|没|不|没有|克服|解决|排除)";
  private static final Pattern BLOCKED =
      Pattern.compile(
          NEGATION + "(?:受阻|卡住|卡在|卡壳|阻碍|障碍|困难|难以推进|无法推进|停滞|(?:需|需要|亟需|请求|待|请)[^，,。；;]{0,8}协调)");
  private static final Pattern DELAYED =
      Pattern.compile(NEGATION + "(?:滞后|延期|推迟|延迟|延后|延误|逾期|拖延|缓慢|进度慢|进度较慢|进展慢|进展较慢|不及预期|未能?按期|未按时)");
  private static final Pattern CLOSED = Pattern.compile("(?<!未|没有|尚未|没)办结");
  private static final Pattern COMPLETED = Pattern.compile("(?:完成|完工|全部落实|全面落实)(?![率度])(?:了|啦)?");
  private static final Pattern NOT_YET_OR_PLANNED =
      Pattern.compile("(?:未|没|没有|尚未|还未|不能|无法|预计|计划|争取|力争|将|拟|待|即将|有望|确保|要|需)\\S{0,2}$");
  private static final Pattern WHOLE_ITEM = Pattern.compile("^(?:全年|年度|全部|本项|各项|任务|目标|既定|本年度)");
  private static final Pattern CLAUSE_END = Pattern.compile("^\\s*(?:[，,。.;；!！、]|$)");

  /** The status and, for BLOCKED, the reason as written. */
  record Reading(ReportStatus status, String reason) {}

  private StatusReader() {}

  static Reading read(String text, Integer percent) {
    if (BLOCKED.matcher(text).find()) {
      return new Reading(ReportStatus.BLOCKED, text);
    }
    if (DELAYED.matcher(text).find()) {
      return new Reading(ReportStatus.DELAYED, null);
    }
    if (percent != null) {
      return new Reading(percent == 100 ? ReportStatus.DONE : ReportStatus.IN_PROGRESS, null);
    }
    if (CLOSED.matcher(text).find() || completesItem(text)) {
      return new Reading(ReportStatus.DONE, null);
    }
    return new Reading(ReportStatus.IN_PROGRESS, null);
  }

  /** True when some 完成 in the text is about the whole item, not a sub-step or a plan. */
  private static boolean completesItem(String text) {
    Matcher m = COMPLETED.matcher(text);
    while (m.find()) {
      String before = text.substring(Math.max(0, m.start() - 6), m.start());
      if (NOT_YET_OR_PLANNED.matcher(before).find()) {
        continue;
      }
      String rest = text.substring(m.end());
      if (CLAUSE_END.matcher(rest).find() || WHOLE_ITEM.matcher(rest).find()) {
        return true;
      }
    }
    return false;
  }
}
