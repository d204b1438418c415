package io.duban.schedule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A schedule as stored.
 *
 * @param id database id
 * @param name unique name
 * @param kind REMINDER, ESCALATION or DIGEST
 * @param cron Quartz cron expression, evaluated in {@code zone}
 * @param zone time zone of the cron expression
 * @param target whom its messages go to
 * @param enabled false pauses it
 * @param workdayRule what happens when a fire falls on a non-work day
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record Schedule(
    long id,
    String name,
    ScheduleKind kind,
    String cron,
    ZoneId zone,
    ScheduleTarget target,
    boolean enabled,
    WorkdayRule workdayRule,
    Instant createdAt,
    Instant updatedAt) {}
