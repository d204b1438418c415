package io.duban.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What importing a document would store, shown before anything is stored ({@code ?dryRun=true}):
 * the item tree with the responsibilities the document states, what the reader left out or cut, and
 * the unit names it mentions, for the admin to match to known units.
 *
 * @param year the plan's year
 * @param title the document's title
 * @param exists true when a plan for that year is already stored: confirming revises it as {@code
 *     revision} says
 * @param items how many items
 * @param leaves the codes of the reportable items
 * @param tree the items as a tree
 * @param warnings what was left out, cut or looks wrong, naming the line
 * @param unitNames every unit the document names, as written
 * @param revision what confirming would change in the stored plan of that year, or null when there
 *     is none
 */
public record PlanPreview(
    int year,
    String title,
    boolean exists,
    int items,
    List<String> leaves,
    List<Node> tree,
    List<String> warnings,
    List<String> unitNames,
    PlanChanges revision) {

  /**
   * One item of the tree.
   *
   * @param code its code, 1, 1.2, 1.2.3
   * @param title its title
   * @param body its full text
   * @param leaf true when units report on it
   * @param responsibility who answers for it as the document says, or null
   * @param children the items under it
   */
  public record Node(
      String code,
      String title,
      String body,
      boolean leaf,
      Responsibility responsibility,
      List<Node> children) {}

  /**
   * The responsibility the document states for one item.
   *
   * @param code the item's code
   * @param responsibility lead, supports, leader and deadline as written
   */
  public record ItemResponsibility(String code, Responsibility responsibility) {}

  static PlanPreview of(PlanReading reading, PlanChanges revision) {
    boolean exists = revision != null;
    ParsedPlan plan = reading.plan();
    Map<String, List<ParsedPlan.Item>> children = new LinkedHashMap<>();
    List<ParsedPlan.Item> roots = new ArrayList<>();
    for (ParsedPlan.Item item : plan.items()) {
      if (item.parentCode() == null) {
        roots.add(item);
      } else {
        children.computeIfAbsent(item.parentCode(), c -> new ArrayList<>()).add(item);
      }
    }
    List<String> warnings = new ArrayList<>();
    if (exists) {
      warnings.add(
          revision.none()
              ? plan.year() + "年的计划已存在，与本文档相比没有事项增减、改名或改编号"
              : plan.year() + "年的计划已存在，确认导入将修订它：" + revision.summary());
    }
    warnings.addAll(reading.warnings());
    return new PlanPreview(
        plan.year(),
        plan.title(),
        exists,
        plan.items().size(),
        plan.leaves().stream().map(ParsedPlan.Item::code).toList(),
        roots.stream().map(r -> node(r, children, reading)).toList(),
        warnings,
        reading.unitNames(),
        revision);
  }

  static List<ItemResponsibility> responsibilities(PlanReading reading) {
    return reading.plan().items().stream()
        .filter(i -> reading.responsibilities().containsKey(i.code()))
        .map(i -> new ItemResponsibility(i.code(), reading.responsibilities().get(i.code())))
        .toList();
  }

  private static Node node(
      ParsedPlan.Item item, Map<String, List<ParsedPlan.Item>> children, PlanReading reading) {
    List<Node> below =
        children.getOrDefault(item.code(), List.of()).stream()
            .map(c -> node(c, children, reading))
            .toList();
    return new Node(
        item.code(),
        item.title(),
        item.body(),
        below.isEmpty(),
        reading.responsibilities().get(item.code()),
        below);
  }
}
