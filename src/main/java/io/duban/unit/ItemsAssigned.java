package io.duban.unit;

import java.util.List;

/**
 * Published after a change that assigned items to lead units has committed (a plan published to
 * units, an assignment sheet): each lead unit's group is to be told and owes a 签收. A 交办 tells its
 * unit itself, inside its own transaction, and is not published.
 *
 * @param year the year of the plan the items belong to: not always the current plan (an older
 *     year's plan may be imported or revised after a newer one), and codes repeat from year to year
 * @param itemCodes the items newly assigned, each to its lead unit
 */
public record ItemsAssigned(int year, List<String> itemCodes) {

  public ItemsAssigned {
    itemCodes = List.copyOf(itemCodes);
  }
}
