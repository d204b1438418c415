package io.duban.report;

import java.util.List;

/**
 * An item's light with the reasons that set it, as {@link LightRule} decides it.
 *
 * @param expectedPercent where the item should be by now (序时进度), or null without a deadline
 * @param behindPace true when the item is open and behind its pace: past its deadline, or at least
 *     {@link LightRule#YELLOW_GAP} points below the expected percent
 */
public record Judgement(
    Light light, List<String> reasons, Integer expectedPercent, boolean behindPace) {

  public String reasonText() {
    return String.join("；", reasons);
  }
}
