package io.duban.plan;

import java.util.List;

/**
 * A piece of the plan: a section ({@code 2}), a sub-item ({@code 1.1}) or a finer task ({@code
 * 1.1.3}). Leaves are what units report on.
 *
 * @param id database id
 * @param year the plan's year
 * @param code stable code following the document's numbering
 * @param parentCode the enclosing item's code, or null for a section
 * @param title the first sentence, e.g. 加快科创园建设及创新资源集聚
 * @param body the item's full text
 * @param leaf true when nothing finer sits under it
 * @param position order in the document
 * @param aliases other names people use for it (简称, quoted names, learned words), oldest first
 * @param source the annual plan ({@link ItemSource#PLAN}) or, for a 督办事项, its source
 */
public record PlanItem(
    long id,
    int year,
    String code,
    String parentCode,
    String title,
    String body,
    boolean leaf,
    int position,
    List<String> aliases,
    ItemSource source) {

  public PlanItem {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    source = source == null ? ItemSource.PLAN : source;
  }

  /** A plan item (not a 督办事项) with these aliases. */
  public PlanItem(
      long id,
      int year,
      String code,
      String parentCode,
      String title,
      String body,
      boolean leaf,
      int position,
      List<String> aliases) {
    this(id, year, code, parentCode, title, body, leaf, position, aliases, ItemSource.PLAN);
  }

  /** An item without aliases. */
  public PlanItem(
      long id,
      int year,
      String code,
      String parentCode,
      String title,
      String body,
      boolean leaf,
      int position) {
    this(id, year, code, parentCode, title, body, leaf, position, List.of(), ItemSource.PLAN);
  }

  /** The same item with these aliases. */
  PlanItem withAliases(List<String> names) {
    return new PlanItem(id, year, code, parentCode, title, body, leaf, position, names, source);
  }

  /** True for a 督办事项 (交办事项), an item that does not come from the annual plan. */
  public boolean task() {
    return source.task();
  }
}
