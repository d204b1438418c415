package io.duban.unit;

import io.duban.chat.Platform;
import java.time.LocalDate;

/**
 * A person of a unit, known by platform and platform user id.
 *
 * @param leaveFrom first day of leave, or null
 * @param leaveUntil last day of leave, or null
 * @param deputyId the contact who reports for this one while on leave, or null
 * @param corpId the organisation its user id belongs to (WeCom CorpID, DingTalk corpId, Feishu
 *     tenant_key), or null: a message whose sender organisation is known and differs is not from
 *     this contact
 */
public record Contact(
    long id,
    String unitCode,
    String name,
    Platform platform,
    String platformUserId,
    ContactRole role,
    LocalDate leaveFrom,
    LocalDate leaveUntil,
    Long deputyId,
    String corpId) {

  /** A contact bound to no organisation beyond its unit's chats and bots. */
  public Contact(
      long id,
      String unitCode,
      String name,
      Platform platform,
      String platformUserId,
      ContactRole role,
      LocalDate leaveFrom,
      LocalDate leaveUntil,
      Long deputyId) {
    this(id, unitCode, name, platform, platformUserId, role, leaveFrom, leaveUntil, deputyId, null);
  }

  /** True when the contact is on leave on {@code day}. */
  public boolean onLeave(LocalDate day) {
    if (leaveFrom == null && leaveUntil == null) {
      return false;
    }
    boolean started = leaveFrom == null || !day.isBefore(leaveFrom);
    boolean notEnded = leaveUntil == null || !day.isAfter(leaveUntil);
    return started && notEnded;
  }
}
