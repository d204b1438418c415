package io.duban.report;

import java.time.Duration;
import java.time.Instant;

/**
 * The one instant of a report, from which its week, its lateness and which report is an item's
 * latest are all taken: the platform's send time, bounded by when Duban received (handled) the
 * message. A send time after that is the platform's clock running ahead and becomes the receive
 * time; one more than {@code maxDelay} before it is not believed either and becomes the receive
 * time. Within the bound, a message sent on Sunday 23:59 and handled on Monday, or a retry
 * delivered hours late with its original time, belongs to the week it was sent in.
 */
final class ReportTime {

  private ReportTime() {}

  /**
   * @param sentAt the platform's send time, or null when it gave none
   * @param receivedAt when Duban received or handled the message
   * @param maxDelay how much earlier than {@code receivedAt} a send time may be
   */
  static Instant of(Instant sentAt, Instant receivedAt, Duration maxDelay) {
    if (sentAt == null || sentAt.isAfter(receivedAt)) {
      return receivedAt;
    }
    return sentAt.isBefore(receivedAt.minus(maxDelay)) ? receivedAt : sentAt;
  }
}
