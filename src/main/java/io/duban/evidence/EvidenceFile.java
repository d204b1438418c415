package io.duban.evidence;

import io.duban.chat.Platform;
import java.time.Instant;

/**
 * One stored piece of evidence, without its bytes.
 *
 * @param id evidence id, the download link's {@code /dashboard/evidence/{id}}
 * @param itemCode the item of the report it belongs to, or null while unattached
 * @param reportId the report it belongs to, or null
 * @param kind {@code IMAGE} or {@code FILE}
 * @param fileName the name to download it as
 * @param contentType the type detected from its bytes
 * @param sizeBytes its size
 * @param senderId who sent it
 * @param sentAt when it was sent
 * @param platform the platform it was sent on (with {@code senderId}, who the sender is)
 */
public record EvidenceFile(
    long id,
    String itemCode,
    Long reportId,
    String kind,
    String fileName,
    String contentType,
    long sizeBytes,
    String senderId,
    Instant sentAt,
    Platform platform) {

  /** The size as people read it: {@code 12.3 KB}, {@code 2.1 MB}. */
  public String sizeText() {
    return sizeBytes >= 1024 * 1024
        ? String.format(java.util.Locale.ROOT, "%.1f MB", sizeBytes / (1024.0 * 1024))
        : String.format(java.util.Locale.ROOT, "%.1f KB", sizeBytes / 1024.0);
  }
}
