package io.duban.dashboard;

import java.time.Instant;

/**
 * One piece of 佐证材料 as the ledger lists it.
 *
 * @param itemCode the item it was attached to
 * @param itemTitle that item's title
 * @param unitName the sender's unit, or empty when the sender is no registered contact
 * @param fileName the name it downloads as
 * @param typeLabel 图片 or 文件, with the type detected from its content ({@code 图片（PNG）})
 * @param sizeText its size as people read it
 * @param sender who sent it: the contact's name, else the platform user id
 * @param sentAt when it was sent
 * @param download where it downloads (an absolute address with {@code duban.public-base-url}, else
 *     the dashboard path); signed-in leaders and admins only
 */
record EvidenceLine(
    String itemCode,
    String itemTitle,
    String unitName,
    String fileName,
    String typeLabel,
    String sizeText,
    String sender,
    Instant sentAt,
    String download) {}
