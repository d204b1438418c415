package io.duban.report;

/**
 * A plan item a free-text message may be about, with its match score.
 *
 * @param code item code
 * @param title item title
 * @param score BM25 score after the unit boost; only comparable within one message
 */
record Candidate(String code, String title, double score) {}
