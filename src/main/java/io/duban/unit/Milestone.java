package io.duban.unit;

import java.time.LocalDate;

/** A point on an item's way: by {@code date} it should stand at {@code percent}. */
public record Milestone(LocalDate date, int percent, String note) {}
