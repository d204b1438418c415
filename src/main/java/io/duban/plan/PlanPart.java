package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the part of a document that is the plan. Where the top-level headings divide the document
 * into a summary and a plan (一、2023年工作情况 / 二、2024年工作计划, or bare 2024年工作思路 lines), the summary parts
 * and asides (存在问题, 总体要求, 保障措施) are left out: a single plan part's own sections become the plan's
 * top level, as the seed's （一）…（八） under 二、 are 1…8. Without such headings the whole body is the
 * plan, unless the title says the document is only a summary.
 *
 * @param entries the entries the outline is read from
 * @param freeTop true when parts were left out between top-level headings, so their numbers skip
 * @param heading the plan part's heading entry when a single part was chosen, or null
 * @param year the year the kept plan headings name (二、2025年工作安排), or null
 * @param warnings what was left out, for the admin
 */
record PlanPart(
    List<OutlineEntry> entries,
    boolean freeTop,
    OutlineEntry heading,
    Integer year,
    List<String> warnings) {

  private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");

  static PlanPart select(List<OutlineEntry> all, DocumentTitle title) {
    List<OutlineEntry> entries = Preamble.withoutLists(all);
    Numbering.Style top =
        entries.stream()
            .filter(OutlineEntry::numbered)
            .map(e -> e.numbering().style())
            .findFirst()
            .orElse(null);
    int[] years = titleYears(title.text());
    List<Integer> topLevel = new ArrayList<>();
    List<Integer> bare = new ArrayList<>();
    boolean topDivides = false;
    for (int i = 0; i < entries.size(); i++) {
      OutlineEntry entry = entries.get(i);
      PartHeading kind = kind(entry, years);
      boolean divides = kind == PartHeading.SUMMARY || kind == PartHeading.PLAN;
      if (entry.numbered() && entry.numbering().style() == top) {
        topLevel.add(i);
        topDivides |= divides;
      } else if (!entry.numbered() && entry.text() != null && divides) {
        bare.add(i);
      }
    }
    boolean summary = PartHeading.summaryTitle(title.text());
    if (!topDivides && bare.isEmpty() && summary) {
      throw summaryOnly(title);
    }
    PlanPart part = choose(entries, topDivides || bare.isEmpty() ? topLevel : bare, years);
    if (part == null) {
      throw summary
          ? summaryOnly(title)
          : noPlan(entries, topDivides || bare.isEmpty() ? topLevel : bare);
    }
    return part;
  }

  private static PlanImportException summaryOnly(DocumentTitle title) {
    return PlanImportException.at(
        title.line(), "标题“" + title.text() + "”是工作总结，没有找到计划部分" + EXPECTED);
  }

  private static PlanImportException noPlan(List<OutlineEntry> entries, List<Integer> dividers) {
    if (dividers.isEmpty()) {
      return PlanImportException.at(1, "没有找到计划部分" + EXPECTED);
    }
    OutlineEntry first = entries.get(dividers.get(0));
    return PlanImportException.at(
        first.line(), "“" + headingText(first) + "”之后没有找到计划部分" + EXPECTED);
  }

  private static final String EXPECTED = "：应有如“二、2024年工作计划”的标题，或文档标题写明“工作计划”“工作要点”";

  /** The kept parts, or null when every part was left out. */
  private static PlanPart choose(List<OutlineEntry> entries, List<Integer> dividers, int[] years) {
    List<Part> parts = new ArrayList<>();
    for (int d = 0; d < dividers.size(); d++) {
      int from = dividers.get(d);
      int to = d + 1 < dividers.size() ? dividers.get(d + 1) : entries.size();
      List<OutlineEntry> content = entries.subList(from, to);
      boolean items = content.stream().skip(1).anyMatch(OutlineEntry::numbered);
      parts.add(new Part(content, kind(content.get(0), years), items));
    }
    boolean otherItems = parts.stream().anyMatch(p -> p.kind() != PartHeading.PLAN && p.kept());
    boolean planItems = parts.stream().anyMatch(p -> p.kind() == PartHeading.PLAN && p.items());
    List<String> warnings = new ArrayList<>();
    List<Part> kept = new ArrayList<>();
    for (Part part : parts) {
      OutlineEntry head = part.content().get(0);
      String name = "“" + headingText(head) + "”";
      if (!part.kept()) {
        String why = part.kind() == PartHeading.SUMMARY ? "是总结部分" : "不是任务";
        warnings.add(PlanImportException.line(head.line()) + "已跳过" + name + "：" + why);
      } else if (part.kind() == PartHeading.PLAN && !part.items() && (planItems || otherItems)) {
        warnings.add(PlanImportException.line(head.line()) + "已跳过" + name + "：其下没有编号的任务");
      } else {
        kept.add(part);
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    boolean single =
        kept.size() == 1
            && (kept.get(0).kind() == PartHeading.PLAN || parts.size() > 1 && kept.get(0).items());
    if (single) {
      Part part = kept.get(0);
      List<OutlineEntry> content = part.content();
      return new PlanPart(
          content.subList(1, content.size()),
          false,
          content.get(0),
          year(content.get(0)),
          List.copyOf(warnings));
    }
    List<OutlineEntry> all = new ArrayList<>();
    for (Part part : kept) {
      List<OutlineEntry> content = part.content();
      all.addAll(content.get(0).numbered() ? content : content.subList(1, content.size()));
    }
    Integer year =
        kept.stream()
            .filter(p -> p.kind() == PartHeading.PLAN)
            .map(p -> year(p.content().get(0)))
            .filter(y -> y != null)
            .findFirst()
            .orElse(null);
    return new PlanPart(all, kept.size() < parts.size(), null, year, List.copyOf(warnings));
  }

  /** The year a plan heading names (二、2024年工作计划), or null. */
  static Integer year(OutlineEntry heading) {
    Matcher m = YEAR.matcher(headingText(heading));
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  static String headingText(OutlineEntry entry) {
    return entry.numbered() ? entry.numbering().label() + entry.numbering().text() : entry.words();
  }

  /**
   * The kind of a heading; in a document whose title names two years (2023年工作总结和2024年工作计划), a
   * top-level heading naming only the earlier year is its summary, one naming only the later its
   * plan.
   */
  private static PartHeading kind(OutlineEntry entry, int[] years) {
    if (entry.text() == null && !entry.numbered()) {
      return PartHeading.OTHER;
    }
    String words = entry.words();
    if (!entry.numbered() && words.length() > 30) {
      return PartHeading.OTHER;
    }
    PartHeading kind = PartHeading.of(words);
    if (kind == PartHeading.OTHER && entry.numbered() && years.length == 2) {
      boolean earlier = words.contains(years[0] + "年");
      boolean later = words.contains(years[1] + "年");
      if (earlier != later) {
        return earlier ? PartHeading.SUMMARY : PartHeading.PLAN;
      }
    }
    return kind;
  }

  private static int[] titleYears(String title) {
    if (title == null) {
      return new int[0];
    }
    Matcher m = YEAR.matcher(title);
    List<Integer> years = new ArrayList<>();
    while (m.find()) {
      years.add(Integer.valueOf(m.group(1)));
    }
    if (years.size() == 2 && years.get(0) < years.get(1)) {
      return new int[] {years.get(0), years.get(1)};
    }
    return new int[0];
  }

  /** A part of the document under one top-level heading. */
  private record Part(List<OutlineEntry> content, PartHeading kind, boolean items) {
    boolean kept() {
      return kind != PartHeading.SUMMARY && kind != PartHeading.ASIDE;
    }
  }
}
