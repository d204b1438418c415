package io.duban.plan;

import java.util.Map;

/**
 * A stored year's plan was revised: items kept their rows (and ids), some changed code. Handed to
 * every {@link PlanRevisionListener} inside the revision's transaction, so that rows keyed by item
 * code follow their item or the whole revision rolls back.
 *
 * @param year the plan's year
 * @param codes old code to new code, for every item whose code changed; a withdrawn item's new code
 *     is {@code 0.<id>}, which no current item has
 */
public record PlanRevised(int year, Map<String, String> codes) {

  public PlanRevised {
    codes = Map.copyOf(codes);
  }
}
