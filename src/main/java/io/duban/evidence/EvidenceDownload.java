package io.duban.evidence;

/**
 * The bytes of one piece of evidence and how to serve them.
 *
 * @param contentType the type detected from the bytes when stored
 * @param fileName the name to download it as
 * @param bytes the content
 * @param itemCode the item it belongs to, or null while unattached
 */
public record EvidenceDownload(
    String contentType, String fileName, byte[] bytes, String itemCode) {}
