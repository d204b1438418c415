package io.duban.report;

/**
 * How the free-text matcher decides.
 *
 * @param minShare below this share of the plan's calibrated score (see {@link
 *     ItemMatcher.Calibration}) the best item is not chosen, and a message that states no status is
 *     not taken for a report
 * @param leadRatio the best score must be at least this times the second to be chosen
 * @param unitBoost factor on the scores of items the sender's unit leads or supports
 * @param gramWeight weight of character-bigram matches relative to word matches
 * @param titleBoost weight of a term found in an item's title over one in its body
 * @param candidateFloor candidates listed have at least this share of the best score
 * @param maxCandidates how many candidates the bot lists when it asks
 */
record MatcherSettings(
    double minShare,
    double leadRatio,
    double unitBoost,
    float gramWeight,
    float titleBoost,
    double candidateFloor,
    int maxCandidates) {

  static final MatcherSettings DEFAULTS = new MatcherSettings(0.4, 1.5, 1.3, 1.0f, 2.0f, 0.5, 3);
}
