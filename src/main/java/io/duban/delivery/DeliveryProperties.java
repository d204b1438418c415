package io.duban.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound delivery ({@code duban.delivery}).
 *
 * @param sendTimeout longest wait for one platform call, token fetch included
 * @param connectTimeout longest wait to open a connection to a platform
 * @param maxAttempts sends tried before a message becomes DEAD
 * @param initialBackoff wait before the second attempt; doubles per attempt, with jitter
 * @param maxBackoff longest wait between attempts
 * @param pollInterval how often the dispatcher looks for due messages
 * @param batchSize messages claimed per round; a full batch is followed at once by another round
 * @param sendConcurrency rate buckets (robots, apps) sent to at once within a round; messages of
 *     one bucket are sent one after another
 * @param stuckAfter a message SENDING for longer than this (its instance died) is claimable again
 * @param tokenRefreshMargin a cached access token is renewed this long before it expires
 * @param dispatcherEnabled false stops the background dispatcher (tests drive it by hand)
 */
@ConfigurationProperties("duban.delivery")
public record DeliveryProperties(
    Duration sendTimeout,
    Duration connectTimeout,
    Integer maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration pollInterval,
    Integer batchSize,
    Integer sendConcurrency,
    Duration stuckAfter,
    Duration tokenRefreshMargin,
    Boolean dispatcherEnabled) {

  public DeliveryProperties {
    sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    maxAttempts = maxAttempts == null ? 8 : maxAttempts;
    initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
    pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    batchSize = batchSize == null ? 20 : batchSize;
    sendConcurrency = sendConcurrency == null ? 4 : sendConcurrency;
    stuckAfter = stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
    tokenRefreshMargin = tokenRefreshMargin == null ? Duration.ofMinutes(5) : tokenRefreshMargin;
    dispatcherEnabled = dispatcherEnabled == null || dispatcherEnabled;
    if (maxAttempts < 1 || batchSize < 1 || sendConcurrency < 1) {
      throw new IllegalArgumentException(
          "duban.delivery.max-attempts, batch-size and send-concurrency must be >= 1");
    }
  }

  static DeliveryProperties defaults() {
    return new DeliveryProperties(null, null, null, null, null, null, null, null, null, null, null);
  }
}
