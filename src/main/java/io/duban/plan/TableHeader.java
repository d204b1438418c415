package io.duban.plan;

import io.duban.plan.TaskTable.Column;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Recognises the header of a 任务分解表 and what each of its columns holds. */
final class TableHeader {

  private static final Pattern NUMBER = Pattern.compile("序号|编号|序|项次");
  private static final Pattern CATEGORY =
      Pattern.compile("类别|类型|领域|板块|方面|分类|工作类别|重点领域|工作板块|工作方面|项目类别|所属类别");
  private static final Pattern TASK =
      Pattern.compile(
          "(重点|主要|具体|工作|目标|年度)?(任务|工作|措施|举措|事项|内容|目标)(内容|名称|事项|清单)?|目标与任务|目标任务|"
              + "任务及目标|工作任务及目标|重点工作任务|项目名称|项目");
  private static final Pattern LEAD = Pattern.compile("牵头(责任)?(单位|部门|科室|处室)|主要责任单位|主责单位|主办单位|承办单位");
  private static final Pattern RESPONSIBLE = Pattern.compile("责任(单位|部门|科室|处室|主体)");
  private static final Pattern SUPPORT = Pattern.compile("(协同)?(配合|协同|协办|参与|协助)(单位|部门|科室|处室)");
  private static final Pattern LEADER =
      Pattern.compile("(责任|牵头|分管|联系|包抓)(县|市|区|镇)?(级)?领导|分管[县市区]?领导|责任人|牵头人|县级领导");
  private static final Pattern DEADLINE =
      Pattern.compile("(完成|计划完成)?(时限|时间|期限)(要求)?|时间节点|进度安排|时间安排|完成时限");

  private TableHeader() {}

  /** The columns of a header row, or null when the cells are not the header of a task table. */
  static Column[] roles(List<String> cells) {
    Column[] roles = new Column[cells.size()];
    for (int i = 0; i < roles.length; i++) {
      roles[i] = role(cells.get(i));
    }
    long tasks = Arrays.stream(roles).filter(r -> r == Column.TASK).count();
    boolean owners =
        Arrays.stream(roles)
            .anyMatch(
                r ->
                    r == Column.LEAD
                        || r == Column.RESPONSIBLE
                        || r == Column.SUPPORT
                        || r == Column.LEADER
                        || r == Column.DEADLINE);
    long known = Arrays.stream(roles).filter(r -> r != Column.OTHER).count();
    if (tasks == 0 || !owners || known < 2 || known * 2 < roles.length) {
      return null;
    }
    for (int i = 0; i < roles.length && tasks > 1; i++) {
      if (roles[i] == Column.TASK) {
        roles[i] = Column.CATEGORY;
        tasks--;
      }
    }
    boolean hasLead = Arrays.asList(roles).contains(Column.LEAD);
    for (int i = 0; i < roles.length; i++) {
      if (roles[i] == Column.RESPONSIBLE) {
        roles[i] = hasLead ? Column.SUPPORT : Column.LEAD;
      }
    }
    return roles;
  }

  /**
   * The length of a header laid out one cell per line starting at {@code start} (at least three
   * cells naming a task and its owners), or 0.
   */
  static int cellPerLineRun(List<SourceLine> lines, int start) {
    int end = start;
    while (end < lines.size()
        && !lines.get(end).blank()
        && role(TableCells.single(lines.get(end).text())) != Column.OTHER) {
      end++;
    }
    if (end - start < 3) {
      return 0;
    }
    List<String> cells =
        lines.subList(start, end).stream().map(l -> TableCells.single(l.text())).toList();
    return roles(cells) == null ? 0 : end - start;
  }

  static Column role(String cell) {
    String name = cell.replaceAll("[\\s:：*（()）]", "");
    if (name.isEmpty() || name.length() > 12) {
      return Column.OTHER;
    }
    if (NUMBER.matcher(name).matches()) {
      return Column.NUMBER;
    }
    if (LEAD.matcher(name).matches()) {
      return Column.LEAD;
    }
    if (RESPONSIBLE.matcher(name).matches()) {
      return Column.RESPONSIBLE;
    }
    if (SUPPORT.matcher(name).matches()) {
      return Column.SUPPORT;
    }
    if (LEADER.matcher(name).matches()) {
      return Column.LEADER;
    }
    if (DEADLINE.matcher(name).matches()) {
      return Column.DEADLINE;
    }
    if (CATEGORY.matcher(name).matches()) {
      return Column.CATEGORY;
    }
    if (TASK.matcher(name).matches()) {
      return Column.TASK;
    }
    return Column.OTHER;
  }
}
