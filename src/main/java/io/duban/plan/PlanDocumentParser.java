package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Chinese government work-plan document (plain text) into its item tree. The plan part is
 * the top-level heading naming the plan (二、2024年工作计划); its sections (一)…(八) become {@code 1}…{@code
 * 8}, their 一是/二是… paragraphs {@code 1.1}, {@code 1.2}…, and numbered paragraphs ((1), 1、) inside a
 * leaf become finer tasks {@code 1.1.1}…. Full-width and ASCII punctuation are read alike. Anything
 * it cannot read unambiguously is refused with the line.
 */
final class PlanDocumentParser {

  private static final String NUMERAL = "[一二三四五六七八九十]+";
  private static final Pattern TOP_HEADING = Pattern.compile("^(" + NUMERAL + ")[、,，.．]\\s*(.+)$");
  private static final Pattern SECTION = Pattern.compile("^[（(](" + NUMERAL + ")[）)]\\s*(.*)$");
  private static final Pattern SUB_ITEM = Pattern.compile("^(" + NUMERAL + ")是\\s*(.*)$");
  private static final Pattern TASK =
      Pattern.compile("^(?:[（(](\\d{1,2})[）)]|(\\d{1,2})[、．])\\s*(.+)$");
  private static final Pattern PLAN_WORDS = Pattern.compile("(工作)?(计划|要点|安排)");
  private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");

  ParsedPlan parse(String document, Integer yearOverride, String source) {
    List<Line> lines = lines(document);
    if (lines.isEmpty()) {
      throw PlanImportException.at(0, "the document is empty");
    }
    int[] part = planPart(lines);
    Line heading = part[0] < 0 ? null : lines.get(part[0]);
    int year = year(lines, heading, yearOverride);
    String title = title(lines, heading);
    List<ParsedPlan.Item> items = new ArrayList<>();
    readSections(
        lines.subList(part[0] + 1, part[1]), heading == null ? 1 : heading.number(), items);
    return new ParsedPlan(year, title, source, List.copyOf(items));
  }

  /** The index of the plan heading (or -1 when the whole document is the plan) and the end. */
  private static int[] planPart(List<Line> lines) {
    List<Integer> headings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (TOP_HEADING.matcher(lines.get(i).text()).matches()) {
        headings.add(i);
      }
    }
    for (int h = 0; h < headings.size(); h++) {
      Matcher m = TOP_HEADING.matcher(lines.get(headings.get(h)).text());
      if (m.matches() && PLAN_WORDS.matcher(m.group(2)).find() && m.group(2).length() <= 30) {
        int end = h + 1 < headings.size() ? headings.get(h + 1) : lines.size();
        return new int[] {headings.get(h), end};
      }
    }
    boolean titled = lines.stream().limit(10).anyMatch(l -> PLAN_WORDS.matcher(l.text()).find());
    if (headings.isEmpty() && titled) {
      return new int[] {-1, lines.size()};
    }
    throw PlanImportException.at(0, "no plan part found: expected a heading such as 二、2024年工作计划");
  }

  private static int year(List<Line> lines, Line heading, Integer override) {
    if (override != null) {
      return override;
    }
    if (heading != null) {
      Matcher m = YEAR.matcher(heading.text());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    for (Line line : lines) {
      if (PLAN_WORDS.matcher(line.text()).find()) {
        Matcher m =
            Pattern.compile("((?:19|20)\\d{2})\\s*年(?:工作)?(?:计划|要点|安排)").matcher(line.text());
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    throw PlanImportException.at(
        heading == null ? 0 : heading.number(),
        "the plan's year is not stated; give it with ?year=");
  }

  private static String title(List<Line> lines, Line heading) {
    for (Line line : lines) {
      String text = line.text();
      boolean sentence = text.contains("。") || text.contains("，") || text.contains(",");
      if (PLAN_WORDS.matcher(text).find()
          && !TOP_HEADING.matcher(text).matches()
          && !sentence
          && text.length() <= 60
          && !text.startsWith("关于")
          && !text.contains(":")
          && !text.contains("：")) {
        return text;
      }
    }
    return heading == null ? lines.get(0).text() : heading.text();
  }

  private static void readSections(List<Line> part, int headingLine, List<ParsedPlan.Item> items) {
    int expected = 1;
    int i = 0;
    while (i < part.size() && !SECTION.matcher(part.get(i).text()).matches()) {
      i++;
    }
    if (i == part.size()) {
      throw PlanImportException.at(headingLine, "the plan part has no sections such as （一）");
    }
    while (i < part.size()) {
      Line sectionLine = part.get(i);
      Matcher m = SECTION.matcher(sectionLine.text());
      m.matches();
      int number = ChineseNumerals.parse(m.group(1));
      if (number != expected) {
        throw PlanImportException.at(
            sectionLine.number(),
            "section ("
                + m.group(1)
                + ") where ("
                + ChineseNumerals.format(expected)
                + ") was expected");
      }
      String heading = stripEnd(m.group(2));
      if (heading.isEmpty()) {
        throw PlanImportException.at(sectionLine.number(), "section heading without a title");
      }
      int end = i + 1;
      while (end < part.size() && !SECTION.matcher(part.get(end).text()).matches()) {
        end++;
      }
      readSection(String.valueOf(number), heading, part.subList(i + 1, end), items);
      expected++;
      i = end;
    }
  }

  private static void readSection(
      String code, String heading, List<Line> paragraphs, List<ParsedPlan.Item> items) {
    int first = 0;
    while (first < paragraphs.size() && !SUB_ITEM.matcher(paragraphs.get(first).text()).matches()) {
      first++;
    }
    if (first == paragraphs.size()) {
      items.add(new ParsedPlan.Item(code, heading, join(paragraphs)));
      readTasks(code, paragraphs, items);
      return;
    }
    items.add(new ParsedPlan.Item(code, heading, join(paragraphs.subList(0, first))));
    int expected = 1;
    int i = first;
    while (i < paragraphs.size()) {
      Line line = paragraphs.get(i);
      Matcher m = SUB_ITEM.matcher(line.text());
      m.matches();
      int number = ChineseNumerals.parse(m.group(1));
      if (number != expected) {
        throw PlanImportException.at(
            line.number(),
            m.group(1) + "是 where " + ChineseNumerals.format(expected) + "是 was expected");
      }
      int end = i + 1;
      while (end < paragraphs.size() && !SUB_ITEM.matcher(paragraphs.get(end).text()).matches()) {
        end++;
      }
      String text = m.group(2).trim();
      if (text.isEmpty()) {
        throw PlanImportException.at(line.number(), m.group(1) + "是 without text");
      }
      String subCode = code + "." + number;
      List<Line> rest = paragraphs.subList(i + 1, end);
      String body = rest.isEmpty() ? text : text + "\n" + join(rest);
      items.add(new ParsedPlan.Item(subCode, firstSentence(text), body));
      readTasks(subCode, rest, items);
      expected++;
      i = end;
    }
  }

  private static void readTasks(String code, List<Line> paragraphs, List<ParsedPlan.Item> items) {
    int expected = 1;
    for (Line line : paragraphs) {
      Matcher m = TASK.matcher(line.text());
      if (!m.matches()) {
        continue;
      }
      int number = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      if (number != expected) {
        throw PlanImportException.at(
            line.number(), "task " + number + " where " + expected + " was expected");
      }
      String text = m.group(3).trim();
      items.add(new ParsedPlan.Item(code + "." + number, firstSentence(text), text));
      expected++;
    }
  }

  static String firstSentence(String text) {
    int end = text.length();
    for (char stop : new char[] {'。', '；', ';', '！', '!'}) {
      int at = text.indexOf(stop);
      if (at > 0 && at < end) {
        end = at;
      }
    }
    return stripEnd(text.substring(0, end));
  }

  private static String stripEnd(String text) {
    return text.strip().replaceAll("[。；;：:，,、.]+$", "");
  }

  private static String join(List<Line> lines) {
    return String.join("\n", lines.stream().map(Line::text).toList());
  }

  private static List<Line> lines(String document) {
    String text = document.startsWith("\uFEFF") ? document.substring(1) : document;
    String[] raw = text.split("\\r?\\n|\\r", -1);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].replace('\u3000', ' ').strip();
      if (!line.isEmpty()) {
        lines.add(new Line(i + 1, line));
      }
    }
    return lines;
  }

  /** A non-blank line of the document with its 1-based number, for error messages. */
  private record Line(int number, String text) {}
}
