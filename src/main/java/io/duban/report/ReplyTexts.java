package io.duban.report;

import io.duban.system.ChineseDates;
import java.time.LocalDate;
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
          "修改 …（/edit …）：用新内容替换上一条进展",
          "同上 / 1.2 无变化：本周沿用上次进展",
          "未报（/missing）：本周未报单位（局领导）");
  static final String NOT_REGISTERED = "您还不是登记的联络员，本条进展已保存，待管理员核实。";
  static final String NOT_REGISTERED_COMMAND = "您还不是登记的联络员，请联系管理员登记。";
  static final String NOTHING_TO_UNDO = "24小时内没有可撤销的进展。";
  static final String NOTHING_TO_EDIT = "24小时内没有可修改的进展，请直接报送新的进展。";
  static final String EDIT_NEEDS_TEXT = "请在“修改”后写上新的进展，例如：修改 1.2 进度70%";
  static final String SHOW_NEEDS_CODE = "请带上任务编号，例如：查询 1.2";
  static final String LEADERS_ONLY = "“未报”供局领导查询本周未报单位。";
  static final String NO_ITEM_RECOGNISED = "没有识别出是哪一项任务，请回复任务编号（例如 1.2），或发送“帮助”查看用法。";

  private ReplyTexts() {}

  /** Confirms a stored report. */
  static String accepted(ProgressReport r, String title, String verb) {
    StringBuilder text =
        new StringBuilder(verb)
            .append("：")
            .append(r.itemCode())
            .append(" ")
            .append(title)
            .append("，")
            .append(state(r));
    if (r.status() == ReportStatus.BLOCKED && r.reason() != null) {
      text.append("，受阻原因已转督办");
    }
    if (r.late()) {
      text.append("（已过办结时限）");
    }
    text.append("。如有误，回复“撤销”或“修改 …”。");
    if (!r.verified()) {
      text.append("\n").append(NOT_REGISTERED);
    }
    return text.toString();
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

  static String undone(ProgressReport r, String title) {
    return "已撤销：" + r.itemCode() + " " + title + "，" + state(r) + "。";
  }

  static String noEarlierReport(String code) {
    return code + " 还没有可沿用的进展，请直接报送进展。";
  }

  static String unknownItem(String code) {
    return "没有编号为 " + code + " 的任务，发送“我的任务”查看本单位任务。";
  }

  /** 推进中，进度60% / 已完成 / 受阻. */
  static String state(ProgressReport r) {
    String state = r.status().label();
    if (r.percent() != null && !(r.status() == ReportStatus.DONE && r.percent() == 100)) {
      state += "，进度" + r.percent() + "%";
    }
    return state;
  }

  /** One line about an item's latest report, for 我的任务 and 查询: its week as people read it. */
  static String line(ProgressReport r, LocalDate today) {
    return week(r.period(), today) + " " + state(r) + "：" + abbreviate(r.text(), 40);
  }

  /** A stored period ({@code 2026-W49}) as people read it: {@code 第49周（11月30日—12月6日）}. */
  static String week(String period, LocalDate today) {
    return ChineseDates.week(ReportWeek.parse(period).monday(), today);
  }

  static String abbreviate(String text, int max) {
    return text.codePointCount(0, text.length()) <= max
        ? text
        : text.substring(0, text.offsetByCodePoints(0, max)) + "…";
  }
}
