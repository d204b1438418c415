package io.duban.dashboard;

import java.time.Instant;

/**
 * One step in an item's closing history.
 *
 * @param action CLOSE or REOPEN
 * @param via where it was done: DASHBOARD, CHAT or API
 */
public record ClosingRecord(
    String itemCode, String action, String actor, String via, String note, Instant at) {}
