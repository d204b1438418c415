package io.duban.dashboard;

import java.time.Instant;

/**
 * One line of a simulated chat, as the simulator page shows it.
 *
 * @param from {@code user} for what a person typed, {@code bot} for what Duban sent
 * @param format TEXT or MARKDOWN for bot lines
 * @param status for bot lines, the outbox status (PENDING, SENT, ...)
 */
public record ChatLine(
    String key,
    String from,
    String sender,
    String format,
    String title,
    String text,
    String status,
    Instant at) {}
