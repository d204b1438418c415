package io.duban.report;

import io.duban.system.ChineseDates;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** The bot's chat answers, short and in Chinese. */
final class ReplyTexts {

  static final String HELP =
      String.join(
          "\n",
          "报进展：任务编号 + 进展 + 进度，例如：1.2 药创院省重点实验室申报材料已报送，进度60%",
          "也可写：#1.2、【1.2】、（一）二、第六项、任务7；受阻、滞后请写明原因",
          "我的任务（/mine）：本单位的任务和最近进展",
          "查询 1.2（/show 1.2）：该任务最近的进展",
          "撤销（/undo）：撤回您24小时内的上一条进展",
          "修改 …（/edit …）：用新内容替换上一条进展；修改 1.2 …：替换您最近一条 1.2 的进展",
          "同上 / 1.2 无变化：本周沿用上次进展",
          "签收 J2026-001：确认收到交办的事项",
          "申请延期 J2026-001 至1月15日 原因：……：请责任领导批准新的时限",
          "申请办结 1.2：报督查室复核后由责任领导销号",
          "未报（/missing）：本周未报单位（局领导）");
  static final String LEADER_HELP =
      String.join(
          "\n",
          "局领导可用的指令：",
          "未报（/missing）：本周尚未报送进展的单位和任务",
          "查询 1.2（/show 1.2）：该任务最近的进展",
          "交办 规划与法规科 12月15日前 报送……：交办督办事项，回复“确认”后立项并通知牵头单位签收",
          "同意延期 J2026-001 / 不同意延期 J2026-001 理由：审批延期申请",
          "退回 1.2 请补充佐证材料：退回进展，牵头单位须补充报送",
          "复核通过 1.2 / 复核退回 1.2 原因：督查室复核办结申请",
          "确认办结 1.3：牵头单位报告已完成（或办结申请复核通过）后，确认该任务办结销号",
          "重新打开 1.3：撤销办结，该任务恢复督办",
          "报进展：任务编号 + 进展 + 进度，例如：1.2 材料已报送，进度60%");

  /** What 帮助 answers: leaders get their own commands. */
  static String help(Contact contact) {
    return contact != null && contact.role() == ContactRole.LEADER ? LEADER_HELP : HELP;
  }

  static final String NOT_REGISTERED = "您还不是登记的联络员，本条进展已保存，待管理员核实。";
  static final String NOT_REGISTERED_COMMAND = "您还不是登记的联络员，请联系管理员登记。";
  static final String NOTHING_TO_UNDO = "24小时内没有可撤销的进展。";
  static final String NOTHING_TO_EDIT = "24小时内没有可修改的进展，请直接报送新的进展。";
  static final String EDIT_NEEDS_TEXT = "请在“修改”后写上新的进展，例如：修改 1.2 进度70%";
  static final String SHOW_NEEDS_CODE = "请带上任务编号，例如：查询 1.2";
  static final String LEADERS_ONLY = "“未报”供局领导查询本周未报单位。";
  static final String NO_ITEM_RECOGNISED = "没有识别出是哪一项任务，请回复任务编号（例如 1.2），或发送“帮助”查看用法。";

  private ReplyTexts() {}

  /**
   * Confirms a stored report.
   *
   * @param leadName the item's lead unit's name, or null when it has none
   * @param forwarded true when a 受阻 notice to the leaders was queued
   */
  static String accepted(
      ProgressReport r, String title, String verb, String leadName, boolean forwarded) {
    StringBuilder text =
        new StringBuilder(verb)
            .append("：")
            .append(r.itemCode())
            .append(" ")
            .append(title)
            .append("，")
            .append(state(r));
    if (forwarded) {
      text.append("，受阻情况已转局领导");
    }
    text.append(timing(r));
    text.append("。如有误，回复“撤销”或“修改 …”。");
    if (!r.verified()) {
      text.append("\n").append(NOT_REGISTERED);
    } else {
      responsibility(r, leadName).ifPresent(line -> text.append("\n").append(line));
    }
    return text.toString();
  }

  /** （已逾期…）（迟报…）: past the item's deadline, after the week's due time. */
  static String timing(ProgressReport r) {
    StringBuilder text = new StringBuilder();
    if (r.overdue()) {
      text.append("（已逾期：超过该项完成时限）");
    }
    if (r.late()) {
      text.append("（迟报：晚于本周报送截止时间）");
    }
    return text.toString();
  }

  /** For a report from a unit that does not lead the item, what it was recorded as. */
  static java.util.Optional<String> responsibility(ProgressReport r, String leadName) {
    if (leadName == null || r.responsibility() == ReportResponsibility.LEAD) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        r.responsibility() == ReportResponsibility.SUPPORT
            ? r.itemCode() + " 由" + leadName + "牵头，贵单位为配合单位，已记录为贵单位的配合进展。"
            : r.itemCode() + " 由" + leadName + "牵头，已记录为贵单位的补充进展。");
  }

  /** What a 修改 replaced. */
  static String replaced(ProgressReport last, LocalDate day) {
    return "已替换您" + md(day) + "报送的 " + last.itemCode() + " 进展（" + state(last) + "）。";
  }

  static String nothingToEdit(String code) {
    return "24小时内没有您报送的 " + code + " 进展可修改；如需报送，请直接发送“" + code + " …”。";
  }

  static String alreadyThisWeek(String code) {
    return "本周已报送过 " + code + " 的进展，无需再报“同上”；如有变化，请发送“修改 " + code + " …”。";
  }

  /** Confirms the reports of a several-line message. */
  static String acceptedMany(
      List<String> storedLines, List<Understanding.Report> unclear, boolean registered) {
    StringBuilder text = new StringBuilder();
    if (!storedLines.isEmpty()) {
      text.append("已记录").append(storedLines.size()).append("项：\n");
      storedLines.forEach(line -> text.append(line).append("\n"));
    }
    if (!unclear.isEmpty()) {
      text.append(unclear.size())
          .append("条未能确定是哪一项，请带编号单独报送：")
          .append(
              unclear.stream().map(r -> abbreviate(r.text(), 20)).collect(Collectors.joining("；")))
          .append("\n");
    }
    text.append("如有误，回复“撤销”（撤回最后一项）或“修改 …”。");
    if (!registered) {
      text.append("\n").append(NOT_REGISTERED);
    }
    return text.toString();
  }

  /** One stored report: 1.2 标题，推进中，进度60%. */
  static String line(ProgressReport r, String title) {
    return r.itemCode() + " " + title + "，" + state(r);
  }

  /** The question for a report whose item is not clear. */
  static String whichItem(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return NO_ITEM_RECOGNISED;
    }
    return "您说的是哪一项？回复编号："
        + candidates.stream().map(c -> c.code() + " " + c.title()).collect(Collectors.joining("；"));
  }

  static String undone(ProgressReport r, String title, LocalDate day) {
    return "已撤销：" + r.itemCode() + " " + title + "，" + state(r) + "（" + md(day) + "报送）。";
  }

  static String noEarlierReport(String code) {
    return code + " 还没有可沿用的进展，请直接报送进展。";
  }

  static String unknownItem(String code) {
    return "没有 " + code + " 这一项，请核对编号；发送“我的任务”查看本单位任务。";
  }

  /** 推进中，进度60% / 已完成 / 受阻. */
  static String state(ProgressReport r) {
    String state = r.status().label();
    if (r.percent() != null && !(r.status() == ReportStatus.DONE && r.percent() == 100)) {
      state += "，进度" + r.percent() + "%";
    }
    return state;
  }

  /**
   * One line about an item's report, for 我的任务 and 查询: the day it was reported, as people read it
   * (6月5日 推进中，进度60%：…; with the year when not today's year).
   */
  static String line(ProgressReport r, ZoneId zone, LocalDate today) {
    return ChineseDates.date(r.reportedAt().atZone(zone).toLocalDate(), today)
        + " "
        + state(r)
        + "："
        + ReporterText.flat(r.text(), 40);
  }

  /** A stored period ({@code 2026-W49}) as people read it: {@code 第49周（11月30日—12月6日）}. */
  static String week(String period, LocalDate today) {
    return ChineseDates.week(ReportWeek.parse(period).monday(), today);
  }

  static String md(LocalDate day) {
    return day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  static String abbreviate(String text, int max) {
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max)) + "…";
  }
}
