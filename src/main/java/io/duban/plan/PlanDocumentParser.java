package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Chinese government plan document (工作计划, 工作要点, 重点工作任务分解表; its text as extracted from .txt,
 * .docx, .xlsx or .pdf) into its item tree. The title is found below any web-page furniture or
 * covering notice; the plan part is chosen ({@link PlanPart}); its outline is read from the markers
 * it uses ({@link OutlineTree}), wrapped lines joined, inline 一是/① lists split and task tables read
 * with their responsibilities. Anything it cannot read is refused naming the line and what was
 * expected there.
 */
final class PlanDocumentParser {

  private static final Pattern PLAN_YEAR =
      Pattern.compile(
          "((?:19|20)\\d{2})\\s*年(?:度)?[^0-9，。,]{0,14}?(?:计划|要点|规划|打算|思路|安排|任务|清单|分解|重点|方案)");
  private static final Pattern ANY_YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");

  ParsedPlan parse(String document, Integer yearOverride, String source) {
    return read(document, yearOverride, source).plan();
  }

  PlanReading read(String document, Integer yearOverride, String source) {
    List<SourceLine> lines = SourceLines.of(document);
    if (lines.stream().allMatch(SourceLine::blank)) {
      throw PlanImportException.at(1, "文档是空的，应有计划的标题和正文");
    }
    DocumentTitle title = DocumentTitle.find(lines);
    List<SourceLine> body = lines.subList(title.bodyFrom(), lines.size());
    List<OutlineEntry> entries = OutlineEntries.of(TaskTable.blocks(body));
    if (entries.stream().noneMatch(OutlineEntry::numbered)) {
      int line =
          body.stream().filter(l -> !l.blank()).findFirst().map(SourceLine::number).orElse(1);
      throw PlanImportException.at(line, "没有找到编号的任务：应有“一、”“（一）”“1.”或“一是”这样编号的条目");
    }
    PlanPart part = PlanPart.select(entries, title);
    OutlineTree.Outline outline = OutlineTree.of(part.entries(), part.freeTop());
    if (outline.items().isEmpty()) {
      int line = part.heading() != null ? part.heading().line() : title.line();
      String where =
          part.heading() != null ? "“" + PlanPart.headingText(part.heading()) + "”下" : "";
      throw PlanImportException.at(line, where + "没有编号的任务：应有“（一）”“1.”或“一是”这样编号的条目");
    }
    int year = year(yearOverride, part, title);
    String name = title.text() != null ? title.text() : fallbackTitle(lines, part);
    List<String> warnings = new ArrayList<>(part.warnings());
    warnings.addAll(outline.warnings());
    ParsedPlan plan = new ParsedPlan(year, name, source, outline.items());
    return new PlanReading(
        plan, outline.responsibilities(), warnings, AliasExtractor.extract(plan.items(), document));
  }

  private static int year(Integer override, PlanPart part, DocumentTitle title) {
    if (override != null) {
      return override;
    }
    if (part.year() != null) {
      return part.year();
    }
    if (title.text() != null) {
      Matcher plan = PLAN_YEAR.matcher(title.text());
      if (plan.find()) {
        return Integer.parseInt(plan.group(1));
      }
      Matcher any = ANY_YEAR.matcher(title.text());
      if (any.find()) {
        return Integer.parseInt(any.group(1));
      }
    }
    int line = part.heading() != null ? part.heading().line() : Math.max(1, title.line());
    throw PlanImportException.at(line, "没有写明计划的年份：标题应写明如“2024年工作计划”，或导入时指定年份（?year=2024）");
  }

  private static String fallbackTitle(List<SourceLine> lines, PlanPart part) {
    if (part.heading() != null) {
      return lines.get(part.heading().line() - 1).text();
    }
    return lines.stream().filter(l -> !l.blank()).findFirst().orElseThrow().text();
  }
}
