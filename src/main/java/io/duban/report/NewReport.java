package io.duban.report;

import io.duban.chat.Platform;
import java.time.Instant;

/**
 * A report to record through {@link ReportService#record}; the service adds the plan year, the
 * period (from {@code sentAt}), the late flag and the time.
 *
 * @param itemCode a leaf item of the current plan
 * @param unitCode the sender's unit, or null when unregistered
 * @param contactId the registered contact, or null
 * @param platform chat platform
 * @param senderId platform user id
 * @param senderName display name, or null
 * @param botId receiving bot, or null
 * @param chatId chat, or null
 * @param status status
 * @param percent percent 0..100, or null
 * @param reason blocking reason, or null
 * @param text the report text
 * @param inboundMessageId the source message id, or null
 * @param sentAt when the sender said it; decides the period
 * @param replacesId the report this replaces (修改), or null
 */
public record NewReport(
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
    Long inboundMessageId,
    Instant sentAt,
    Long replacesId) {

  /** True when the sender is a registered contact. */
  public boolean verified() {
    return contactId != null;
  }

  NewReport withItem(String code) {
    return new NewReport(
        code,
        unitCode,
        contactId,
        platform,
        senderId,
        senderName,
        botId,
        chatId,
        status,
        percent,
        reason,
        text,
        inboundMessageId,
        sentAt,
        replacesId);
  }

  NewReport replacing(long id) {
    return new NewReport(
        itemCode,
        unitCode,
        contactId,
        platform,
        senderId,
        senderName,
        botId,
        chatId,
        status,
        percent,
        reason,
        text,
        inboundMessageId,
        sentAt,
        id);
  }
}
