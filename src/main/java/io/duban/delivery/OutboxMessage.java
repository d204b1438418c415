package io.duban.delivery;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import java.time.Instant;

/**
 * One row of the outbox.
 *
 * @param id database id
 * @param dedupeKey unique per intended message; a second enqueue with it changes nothing
 * @param destination where it goes
 * @param rateKey the rate bucket it shares, as its platform's sender named it when it was queued
 * @param message what it says
 * @param status PENDING, SENDING, SENT or DEAD
 * @param attempts failed or finished sends so far
 * @param nextAttemptAt when a PENDING message is due
 * @param lastError why the last attempt failed, never containing credentials
 * @param createdAt when it was queued
 * @param sentAt when the platform took it
 */
record OutboxMessage(
    long id,
    String dedupeKey,
    Destination destination,
    String rateKey,
    OutboundMessage message,
    OutboxStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {}
