package io.duban.dashboard;

import java.util.List;

/**
 * An item's light with the reasons that set it.
 *
 * @param expectedPercent where the item should be by now (序时进度), or null without a deadline
 */
public record Judgement(Light light, List<String> reasons, Integer expectedPercent) {

  public String reasonText() {
    return String.join("；", reasons);
  }
}
