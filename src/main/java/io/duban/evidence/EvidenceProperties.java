package io.duban.evidence;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Evidence settings.
 *
 * @param maxBytes the largest file stored (default 10 MB); a larger one is refused with a reply
 * @param attachWindow how far before or after a report a picture still belongs to it (default 5
 *     minutes)
 * @param requiredForClosing item codes whose 申请办结 needs evidence first, or {@code all}
 * @param pollInterval how often pending downloads are tried (default 2 s)
 * @param maxRetryDelay the longest wait between attempts of a failing download (default 1 h)
 */
@ConfigurationProperties("duban.evidence")
public record EvidenceProperties(
    Integer maxBytes,
    Duration attachWindow,
    List<String> requiredForClosing,
    Duration pollInterval,
    Duration maxRetryDelay) {

  public EvidenceProperties {
    maxBytes = maxBytes == null ? 10 * 1024 * 1024 : maxBytes;
    attachWindow = attachWindow == null ? Duration.ofMinutes(5) : attachWindow;
    requiredForClosing = requiredForClosing == null ? List.of() : List.copyOf(requiredForClosing);
    pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
  }

  /** Whether {@code itemCode}'s 申请办结 needs evidence. */
  public boolean required(String itemCode) {
    return requiredForClosing.stream()
        .anyMatch(c -> c.equalsIgnoreCase("all") || c.equalsIgnoreCase(itemCode));
  }
}
