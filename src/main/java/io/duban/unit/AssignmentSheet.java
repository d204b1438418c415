package io.duban.unit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a responsibilities sheet (编号, 牵头单位, 配合单位, 完成时限, 序时进度) and checks every row against the plan
 * and the units, collecting every problem rather than stopping at the first. Units may be given by
 * code or by name; several supporting units are separated by 、 , ， ; or new lines; milestones are
 * written one per line as {@code 2024-06-30 40% 说明}.
 */
final class AssignmentSheet {

  static final List<String> HEADERS = List.of("编号", "牵头单位", "配合单位", "完成时限", "序时进度");
  private static final Map<String, String> ALIASES =
      Map.of(
          "code",
          "编号",
          "lead",
          "牵头单位",
          "support",
          "配合单位",
          "deadline",
          "完成时限",
          "milestones",
          "序时进度",
          "里程碑",
          "序时进度",
          "任务编号",
          "编号",
          "责任单位",
          "牵头单位");
  private static final Pattern SPLIT = Pattern.compile("[、,，;；\\n]+");
  private static final Pattern MILESTONE =
      Pattern.compile("(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\s*[:：]?\\s*(\\d{1,3})\\s*%\\s*(.*)");
  private static final int MAX_ROWS = 2000;

  private AssignmentSheet() {}

  static SheetOutcome read(byte[] xlsx, Set<String> leafCodes, Collection<Unit> units) {
    Sheet sheet;
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      sheet = book.getNumberOfSheets() == 0 ? null : book.getSheetAt(0);
      return sheet == null
          ? new SheetOutcome(List.of(), List.of(new SheetProblem(1, "文件中没有工作表")))
          : read(sheet, leafCodes, units);
    } catch (IOException | IllegalArgumentException | org.apache.poi.ooxml.POIXMLException e) {
      // not a zip, not an OOXML workbook, or a corrupt one: all the user can fix is the file
      return new SheetOutcome(List.of(), List.of(new SheetProblem(1, "不是有效的 .xlsx 文件")));
    }
  }

  private static SheetOutcome read(Sheet sheet, Set<String> leafCodes, Collection<Unit> units) {
    DataFormatter format = new DataFormatter();
    List<SheetProblem> problems = new ArrayList<>();
    Row headerRow = sheet.getRow(sheet.getFirstRowNum());
    Map<String, Integer> columns = new HashMap<>();
    if (headerRow != null) {
      for (Cell cell : headerRow) {
        String name = format.formatCellValue(cell).strip();
        String canonical = ALIASES.getOrDefault(name.toLowerCase(), name);
        if (HEADERS.contains(canonical)) {
          columns.putIfAbsent(canonical, cell.getColumnIndex());
        }
      }
    }
    int headerNumber = (headerRow == null ? 0 : headerRow.getRowNum()) + 1;
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
    if (sheet.getLastRowNum() - headerNumber > MAX_ROWS) {
      return new SheetOutcome(
          List.of(), List.of(new SheetProblem(headerNumber, "行数超过 " + MAX_ROWS)));
    }
    Map<String, String> unitByKey = new HashMap<>();
    for (Unit u : units) {
      unitByKey.put(u.code(), u.code());
      unitByKey.put(u.name(), u.code());
    }
    Map<String, Assignment> assignments = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = headerNumber; i <= sheet.getLastRowNum(); i++) {
      Row row = sheet.getRow(i);
      int number = i + 1;
      String code = text(format, row, columns.get("编号"));
      String lead = text(format, row, columns.get("牵头单位"));
      String support = text(format, row, columns.get("配合单位"));
      String milestones = text(format, row, columns.get("序时进度"));
      if (code.isEmpty()
          && lead.isEmpty()
          && support.isEmpty()
          && milestones.isEmpty()
          && text(format, row, columns.get("完成时限")).isEmpty()) {
        continue;
      }
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
      LocalDate deadline = date(row, columns.get("完成时限"), format, bad);
      List<Milestone> ms = milestones(milestones, deadline, bad);
      if (bad.isEmpty()) {
        assignments.put(code, new Assignment(code, leadCode, supportCodes, deadline, ms));
      } else {
        bad.forEach(b -> problems.add(new SheetProblem(number, b)));
      }
    }
    if (problems.isEmpty() && assignments.isEmpty()) {
      problems.add(new SheetProblem(headerNumber + 1, "表中没有任何事项"));
    }
    return new SheetOutcome(List.copyOf(assignments.values()), problems);
  }

  private static String text(DataFormatter format, Row row, Integer column) {
    if (row == null || column == null) {
      return "";
    }
    Cell cell = row.getCell(column);
    return cell == null ? "" : format.formatCellValue(cell).strip();
  }

  private static LocalDate date(Row row, Integer column, DataFormatter format, List<String> bad) {
    if (row == null || column == null) {
      return null;
    }
    Cell cell = row.getCell(column);
    if (cell == null) {
      return null;
    }
    if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      return cell.getLocalDateTimeCellValue().toLocalDate();
    }
    String value = format.formatCellValue(cell).strip();
    if (value.isEmpty()) {
      return null;
    }
    LocalDate parsed = parseDate(value);
    if (parsed == null) {
      bad.add("完成时限“" + value + "”不是有效日期（应为 2024-12-31）");
    }
    return parsed;
  }

  private static LocalDate parseDate(String value) {
    String normal = value.replace('/', '-').replace('.', '-');
    try {
      return LocalDate.parse(normal, DateTimeFormatter.ofPattern("uuuu-M-d"));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<Milestone> milestones(String text, LocalDate deadline, List<String> bad) {
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
