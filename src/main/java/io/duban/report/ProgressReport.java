package io.duban.report;

import io.duban.chat.Platform;
import java.time.Instant;

/**
 * What a contact reported on a plan item.
 *
 * @param id database id
 * @param planYear the plan the item belongs to
 * @param itemCode the leaf item
 * @param unitCode the sender's unit, or null when the sender is not a registered contact
 * @param contactId the sender as a registered contact, or null
 * @param platform chat platform of the source message
 * @param senderId platform user id of the sender
 * @param senderName display name the platform gave, or null
 * @param botId bot that received the message, or null when recorded another way
 * @param chatId chat the message was said in, or null
 * @param status stated status
 * @param percent stated percent, or null
 * @param reason for BLOCKED, what blocks it; otherwise null
 * @param text the report as the sender wrote it
 * @param period reporting week, ISO week in the service zone, e.g. {@code 2024-W23}
 * @param inboundMessageId the source chat message (inbound_message.id), or null
 * @param late 迟报: made after its week's due time (see {@link ReportService#dueOf})
 * @param retracted true when the sender took it back (撤销) or replaced it (修改)
 * @param verified true when the sender is a registered contact
 * @param replacesId the report this one replaced by 修改, or null
 * @param createdAt when it was stored
 * @param reportedAt its one instant: the send time bounded by the receive time ({@link
 *     ReportTime}); its period, lateness and which report is latest come from it
 * @param overdue 已逾期: made after the item's deadline without being done
 * @param responsibility what the sender's unit is to the item: lead, support or none
 * @param reviewedBy who accepted, rejected or moved it in the review queue, or null
 */
public record ProgressReport(
    long id,
    int planYear,
    String itemCode,
    String unitCode,
    Long contactId,
    Platform platform,
    String senderId,
    String senderName,
    String botId,
    String chatId,
    ReportStatus status,
    Integer percent,
    String reason,
    String text,
    String period,
    Long inboundMessageId,
    boolean late,
    boolean retracted,
    boolean verified,
    Long replacesId,
    Instant createdAt,
    Instant reportedAt,
    boolean overdue,
    ReportResponsibility responsibility,
    String reviewedBy) {}
