package io.duban.unit;

import io.duban.plan.TaskSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a 交办清单 (one 交办事项 a row) from an uploaded .xlsx as a capped stream ({@link SheetRows}): 序号,
 * 来源, 文号, 交办事项 (or 内容, 工作内容, 事项), 牵头单位, 配合单位, 责任领导, 完成时限, 阶段目标 and optionally 原文. Header names are
 * recognised as people write them; what is only a matter of form (a date, a 来源, a milestone's
 * wording) is checked here, row by row, and what needs the units is left to {@link
 * TaskFiling#check}. Nothing is stored.
 */
public final class TaskSheet {

  /** The header as the template writes it. */
  public static final List<String> HEADERS =
      List.of("序号", "来源", "文号", "交办事项", "牵头单位", "配合单位", "责任领导", "完成时限", "阶段目标", "原文");

  /** One readable row: its number as Excel shows it and the task it states. */
  public record Row(int number, NewTask task) {}

  /** The rows that read, and every problem (by row) of those that did not. */
  public record Outcome(List<Row> rows, List<SheetProblem> problems) {
    public Outcome {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }
  }

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("编号", "序号"),
          Map.entry("no", "序号"),
          Map.entry("事项来源", "来源"),
          Map.entry("交办来源", "来源"),
          Map.entry("source", "来源"),
          Map.entry("文件号", "文号"),
          Map.entry("来源文号", "文号"),
          Map.entry("批示文号", "文号"),
          Map.entry("内容", "交办事项"),
          Map.entry("工作内容", "交办事项"),
          Map.entry("事项", "交办事项"),
          Map.entry("交办内容", "交办事项"),
          Map.entry("督办事项", "交办事项"),
          Map.entry("任务", "交办事项"),
          Map.entry("content", "交办事项"),
          Map.entry("责任单位", "牵头单位"),
          Map.entry("主办单位", "牵头单位"),
          Map.entry("lead", "牵头单位"),
          Map.entry("协办单位", "配合单位"),
          Map.entry("support", "配合单位"),
          Map.entry("分管领导", "责任领导"),
          Map.entry("leader", "责任领导"),
          Map.entry("时限", "完成时限"),
          Map.entry("办结时限", "完成时限"),
          Map.entry("deadline", "完成时限"),
          Map.entry("序时进度", "阶段目标"),
          Map.entry("节点", "阶段目标"),
          Map.entry("批示原文", "原文"),
          Map.entry("会议纪要", "原文"));
  private static final Pattern SPLIT = Pattern.compile("[、,，;；\\n]+");

  private TaskSheet() {}

  /** Reads the sheet within {@link SheetRows.Limits#DEFAULT}. */
  public static Outcome read(byte[] xlsx) {
    List<SheetRows.Row> rows;
    try {
      rows = SheetRows.read(xlsx, SheetRows.Limits.DEFAULT);
    } catch (SheetRows.BadSheet e) {
      return new Outcome(List.of(), List.of(new SheetProblem(1, e.getMessage())));
    }
    SheetRows.Row header = rows.isEmpty() ? null : rows.get(0);
    Map<String, Integer> columns = new HashMap<>();
    if (header != null) {
      for (int i = 0; i < header.cells().size(); i++) {
        String name =
            header.cell(i).replaceAll("\\s+", "").replace("（", "(").replaceAll("\\(.*", "");
        String canonical = ALIASES.getOrDefault(name.toLowerCase(), name);
        if (HEADERS.contains(canonical)) {
          columns.putIfAbsent(canonical, i);
        }
      }
    }
    int headerNumber = header == null ? 1 : header.number();
    List<SheetProblem> problems = new ArrayList<>();
    for (String required : List.of("来源", "交办事项", "牵头单位", "完成时限")) {
      if (!columns.containsKey(required)) {
        problems.add(
            new SheetProblem(
                headerNumber, "表头缺少“" + required + "”列（表头应为 " + String.join("、", HEADERS) + "）"));
      }
    }
    if (!problems.isEmpty()) {
      return new Outcome(List.of(), problems);
    }
    List<Row> tasks = new ArrayList<>();
    for (SheetRows.Row row : rows.subList(1, rows.size())) {
      List<String> bad = new ArrayList<>();
      String sourceText = row.cell(columns.get("来源"));
      TaskSource source =
          TaskSource.read(sourceText).filter(s -> s != TaskSource.PLAN).orElse(null);
      if (source == null) {
        bad.add(
            sourceText.isEmpty() ? "缺少来源（批示、会议、建议提案或其他）" : "来源“" + sourceText + "”应为批示、会议、建议提案或其他");
      }
      String due = row.cell(columns.get("完成时限"));
      LocalDate deadline = due.isEmpty() ? null : AssignmentSheet.parseDate(due);
      if (!due.isEmpty() && deadline == null) {
        bad.add("完成时限“" + due + "”不是有效日期（应为 2025-12-31）");
      }
      List<Milestone> milestones =
          AssignmentSheet.milestones(row.cell(columns.get("阶段目标")), deadline, bad);
      List<String> supports = new ArrayList<>();
      for (String s : SPLIT.split(row.cell(columns.get("配合单位")))) {
        if (!s.isBlank()) {
          supports.add(s.strip());
        }
      }
      String leader = row.cell(columns.get("责任领导"));
      NewTask task =
          new NewTask(
              source,
              row.cell(columns.get("文号")),
              row.cell(columns.get("原文")),
              row.cell(columns.get("交办事项")),
              row.cell(columns.get("牵头单位")),
              supports,
              leader.isEmpty() ? null : leader,
              deadline,
              milestones);
      if (bad.isEmpty()) {
        tasks.add(new Row(row.number(), task));
      } else {
        bad.forEach(b -> problems.add(new SheetProblem(row.number(), b)));
      }
    }
    if (problems.isEmpty() && tasks.isEmpty()) {
      problems.add(new SheetProblem(headerNumber + 1, "表中没有任何交办事项"));
    }
    return new Outcome(tasks, problems);
  }
}
