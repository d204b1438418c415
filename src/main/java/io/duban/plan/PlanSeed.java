package io.duban.plan;

import java.util.List;

/**
 * The reviewed form of an imported plan, as kept in {@code seeds/plan-<year>.yaml}.
 *
 * @param year the plan's year
 * @param title the document's title
 * @param source the document it was imported from
 * @param items every item with its code, title and body
 */
record PlanSeed(int year, String title, String source, List<ParsedPlan.Item> items) {

  static PlanSeed of(ParsedPlan plan) {
    return new PlanSeed(plan.year(), plan.title(), plan.source(), plan.items());
  }

  ParsedPlan toPlan() {
    return new ParsedPlan(year, title, source, items == null ? List.of() : items);
  }
}
