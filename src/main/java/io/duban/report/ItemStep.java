package io.duban.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One step of an item's handling, with the person and the time.
 *
 * @param unitCode the unit that asked (延期, 办结) or was answered, or null
 * @param dueBefore for 延期: the deadline when it was asked or decided, else null
 * @param dueAfter for 延期: the asked (or approved) deadline, else null
 */
public record ItemStep(
    String itemCode,
    StepKind kind,
    String unitCode,
    String actor,
    ClosingChannel via,
    String note,
    LocalDate dueBefore,
    LocalDate dueAfter,
    Instant at) {}
