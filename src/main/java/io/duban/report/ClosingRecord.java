package io.duban.report;

import java.time.Instant;

/**
 * One step in an item's closing history, or an item's standing closing.
 *
 * @param via where it was done; null for a standing closing read without its history
 */
public record ClosingRecord(
    String itemCode,
    ClosingAction action,
    String actor,
    ClosingChannel via,
    String note,
    Instant at) {}
