package io.duban.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Report understanding and conversation settings ({@code duban.report}).
 *
 * @param undoWindow how long after a report its sender may still 撤销 or 修改 it, default 24h
 * @param clarificationTtl how long the bot waits for the answer to "您说的是哪一项？", default 24h
 * @param dueDay with dueTime: when a week's reports are due (the reminder schedule's due time); a
 *     report made later in its week is 迟报, default THURSDAY
 * @param dueTime see dueDay, default 15:00 (service zone)
 * @param maxSendDelay how much earlier than its receipt a message's platform send time is believed
 *     (a retry or a backlog after an outage keeps its send time within this), default 72h
 * @param matcher how free text is matched to plan items; each unset value takes its default from
 *     {@code MatcherSettings.DEFAULTS} (min-share 0.4, lead-ratio 1.5, unit-boost 1.3, gram-weight
 *     1.0, title-boost 2.0, candidate-floor 0.5, max-candidates 3)
 */
@ConfigurationProperties("duban.report")
record ReportProperties(
    Duration undoWindow,
    Duration clarificationTtl,
    DayOfWeek dueDay,
    LocalTime dueTime,
    Duration maxSendDelay,
    Matcher matcher) {

  ReportProperties {
    dueDay = dueDay == null ? DayOfWeek.THURSDAY : dueDay;
    dueTime = dueTime == null ? LocalTime.of(15, 0) : dueTime;
    maxSendDelay = maxSendDelay == null ? Duration.ofHours(72) : maxSendDelay;
    undoWindow = undoWindow == null ? Duration.ofHours(24) : undoWindow;
    clarificationTtl = clarificationTtl == null ? Duration.ofHours(24) : clarificationTtl;
    matcher = matcher == null ? new Matcher(null, null, null, null, null, null, null) : matcher;
  }

  /**
   * Free-text matching.
   *
   * @param minShare below this share of the plan's calibrated score no item is chosen
   * @param leadRatio the best score must be this many times the second to be chosen
   * @param unitBoost factor on the scores of the sender's unit's items
   * @param gramWeight weight of character-bigram matches relative to word matches
   * @param titleBoost weight of a match in an item's title over one in its body
   * @param candidateFloor listed candidates score at least this share of the best
   * @param maxCandidates how many candidates the bot lists when it asks
   */
  record Matcher(
      Double minShare,
      Double leadRatio,
      Double unitBoost,
      Float gramWeight,
      Float titleBoost,
      Double candidateFloor,
      Integer maxCandidates) {

    MatcherSettings settings() {
      MatcherSettings d = MatcherSettings.DEFAULTS;
      return new MatcherSettings(
          minShare == null ? d.minShare() : minShare,
          leadRatio == null ? d.leadRatio() : leadRatio,
          unitBoost == null ? d.unitBoost() : unitBoost,
          gramWeight == null ? d.gramWeight() : gramWeight,
          titleBoost == null ? d.titleBoost() : titleBoost,
          candidateFloor == null ? d.candidateFloor() : candidateFloor,
          maxCandidates == null ? d.maxCandidates() : maxCandidates);
    }
  }
}
