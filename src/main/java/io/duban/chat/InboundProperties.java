package io.duban.chat;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hand-over of stored inbound messages to their handlers ({@code duban.chat.inbound}).
 *
 * @param sweepInterval how often stored messages left unprocessed (a crash, a failing handler) are
 *     handed over again; 0 turns the periodic sweep off (the sweep after a full queue stays)
 * @param lease how long a message claimed by the sweep is reserved for the instance handling it;
 *     after a crash, those messages are handled by a later sweep once this has passed (a fresh
 *     message is claimed inside the transaction that handles it, so a crash releases it at once);
 *     must exceed the 30 s one handling may take
 */
@ConfigurationProperties("duban.chat.inbound")
@Validated
public record InboundProperties(
    @NotNull @DefaultValue("30s") Duration sweepInterval,
    @NotNull @DefaultValue("60s") Duration lease) {

  /** A lease no longer than a handling may take would let a second instance take the message. */
  @AssertTrue(message = "duban.chat.inbound.lease must exceed the handler timeout of 30s")
  public boolean isLeaseLongerThanHandling() {
    return lease == null || lease.compareTo(InboundProcessor.HANDLER_TIMEOUT) > 0;
  }

  /** False when the periodic sweep is off. */
  boolean sweepsPeriodically() {
    return !sweepInterval.isZero() && !sweepInterval.isNegative();
  }
}
