package io.duban.unit;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a responsibilities sheet (编号, 牵头单位, 配合单位, 完成时限, 序时进度, 责任领导, 责任人) as a capped stream ({@link
 * SheetRows}) and checks every row against the plan and the units, collecting every problem rather
 * than stopping at the first. Units may be given by code or by name; several supporting units are
 * separated by 、 , ， ; or new lines; milestones are written one per line as {@code 2024-06-30 40%
 * 说明}.
 */
final class AssignmentSheet {

  static final List<String> HEADERS = List.of("编号", "牵头单位", "配合单位", "完成时限", "序时进度", "责任领导", "责任人");
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("leader", "责任领导"),
          Map.entry("分管领导", "责任领导"),
          Map.entry("分管局领导", "责任领导"),
          Map.entry("owner", "责任人"),
          Map.entry("具体责任人", "责任人"),
          Map.entry("联系人", "责任人"),
          Map.entry("code", "编号"),
          Map.entry("lead", "牵头单位"),
          Map.entry("support", "配合单位"),
          Map.entry("deadline", "完成时限"),
          Map.entry("milestones", "序时进度"),
          Map.entry("里程碑", "序时进度"),
          Map.entry("任务编号", "编号"),
          Map.entry("责任单位", "牵头单位"));
  private static final Pattern SPLIT = Pattern.compile("[、,，;；\\n]+");
  private static final Pattern MILESTONE =
      Pattern.compile("(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\s*[:：]?\\s*(\\d{1,3})\\s*%\\s*(.*)");

  private AssignmentSheet() {}

  static SheetOutcome read(byte[] xlsx, Set<String> leafCodes, Collection<Unit> units) {
    return read(xlsx, SheetRows.Limits.DEFAULT, leafCodes, units);
  }

  static SheetOutcome read(
      byte[] xlsx, SheetRows.Limits limits, Set<String> leafCodes, Collection<Unit> units) {
    List<SheetRows.Row> rows;
    try {
      rows = SheetRows.read(xlsx, limits);
    } catch (SheetRows.BadSheet e) {
      // not a zip, not an OOXML workbook, a corrupt one, or too large: all the user can fix is the
      // file
      return new SheetOutcome(List.of(), List.of(new SheetProblem(1, e.getMessage())));
    }
    return read(rows, leafCodes, units);
  }

  private static SheetOutcome read(
      List<SheetRows.Row> rows, Set<String> leafCodes, Collection<Unit> units) {
    List<SheetProblem> problems = new ArrayList<>();
    SheetRows.Row headerRow = rows.isEmpty() ? null : rows.get(0);
    Map<String, Integer> columns = new HashMap<>();
    if (headerRow != null) {
      for (int i = 0; i < headerRow.cells().size(); i++) {
        String name = headerRow.cell(i);
        String canonical = ALIASES.getOrDefault(name.toLowerCase(), name);
        if (HEADERS.contains(canonical)) {
          columns.putIfAbsent(canonical, i);
        }
      }
    }
    int headerNumber = headerRow == null ? 1 : headerRow.number();
    for (String required : List.of("编号", "牵头单位")) {
      if (!columns.containsKey(required)) {
        problems.add(
            new SheetProblem(
                headerNumber, "表头缺少“" + required + "”列（表头应为 " + String.join("、", HEADERS) + "）"));
      }
    }
    if (!problems.isEmpty()) {
      return new SheetOutcome(List.of(), problems);
    }
    Map<String, String> unitByKey = new HashMap<>();
    for (Unit u : units) {
      unitByKey.put(u.code(), u.code());
      unitByKey.put(u.name(), u.code());
    }
    Map<String, Assignment> assignments = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (SheetRows.Row row : rows.subList(1, rows.size())) {
      int number = row.number();
      String code = row.cell(columns.get("编号"));
      String lead = row.cell(columns.get("牵头单位"));
      String support = row.cell(columns.get("配合单位"));
      String milestones = row.cell(columns.get("序时进度"));
      String leader = row.cell(columns.get("责任领导"));
      String owner = row.cell(columns.get("责任人"));
      List<String> bad = new ArrayList<>();
      if (code.isEmpty()) {
        bad.add("缺少编号");
      } else if (!leafCodes.contains(code)) {
        bad.add("编号 " + code + " 不是本年度计划中可报送的事项");
      } else if (!seen.add(code)) {
        bad.add("编号 " + code + " 重复出现");
      }
      String leadCode = null;
      if (lead.isEmpty()) {
        bad.add("缺少牵头单位");
      } else if (!unitByKey.containsKey(lead)) {
        bad.add("未知的牵头单位“" + lead + "”");
      } else {
        leadCode = unitByKey.get(lead);
      }
      List<String> supportCodes = new ArrayList<>();
      for (String s : SPLIT.split(support)) {
        String name = s.strip();
        if (name.isEmpty()) {
          continue;
        }
        String unit = unitByKey.get(name);
        if (unit == null) {
          bad.add("未知的配合单位“" + name + "”");
        } else if (unit.equals(leadCode)) {
          bad.add("“" + name + "”已是牵头单位，不能同时为配合单位");
        } else if (!supportCodes.contains(unit)) {
          supportCodes.add(unit);
        }
      }
      for (String person : List.of(leader, owner)) {
        if (person.length() > Assignment.MAX_PERSON) {
          bad.add("“" + person.substring(0, 10) + "…”超过 " + Assignment.MAX_PERSON + " 个字");
        }
      }
      LocalDate deadline = date(row.cell(columns.get("完成时限")), bad);
      List<Milestone> ms = milestones(milestones, deadline, bad);
      if (bad.isEmpty()) {
        assignments.put(
            code, new Assignment(code, leadCode, supportCodes, deadline, ms, leader, owner));
      } else {
        bad.forEach(b -> problems.add(new SheetProblem(number, b)));
      }
    }
    if (problems.isEmpty() && assignments.isEmpty()) {
      problems.add(new SheetProblem(headerNumber + 1, "表中没有任何事项"));
    }
    return new SheetOutcome(List.copyOf(assignments.values()), problems);
  }

  private static LocalDate date(String value, List<String> bad) {
    if (value.isEmpty()) {
      return null;
    }
    LocalDate parsed = parseDate(value);
    if (parsed == null) {
      bad.add("完成时限“" + value + "”不是有效日期（应为 2024-12-31）");
    }
    return parsed;
  }

  static LocalDate parseDate(String value) {
    String normal = value.replace('/', '-').replace('.', '-');
    try {
      return LocalDate.parse(normal, DateTimeFormatter.ofPattern("uuuu-M-d"));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static List<Milestone> milestones(String text, LocalDate deadline, List<String> bad) {
    List<Milestone> result = new ArrayList<>();
    for (String line : text.split("[\\n;；]+")) {
      String entry = line.strip();
      if (entry.isEmpty()) {
        continue;
      }
      Matcher m = MILESTONE.matcher(entry);
      LocalDate day = m.matches() ? parseDate(m.group(1)) : null;
      if (day == null) {
        bad.add("序时进度“" + entry + "”应写作“2024-06-30 40% 说明”");
        continue;
      }
      int percent = Integer.parseInt(m.group(2));
      if (percent > 100) {
        bad.add("序时进度“" + entry + "”的百分比超过 100");
        continue;
      }
      if (deadline != null && day.isAfter(deadline)) {
        bad.add("序时进度日期 " + day + " 晚于完成时限 " + deadline);
        continue;
      }
      if (result.stream().anyMatch(x -> x.date().equals(day))) {
        bad.add("序时进度日期 " + day + " 重复");
        continue;
      }
      String note = m.group(3).strip();
      result.add(new Milestone(day, percent, note.isEmpty() ? null : note));
    }
    return result;
  }
}
