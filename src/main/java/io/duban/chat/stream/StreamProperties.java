package io.duban.chat.stream;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The long connections of stream bots ({@code duban.chat.stream}); which bots run in stream mode is
 * said per bot ({@code mode: stream}).
 *
 * @param leaseTtl how long a bot's connection lease lasts unrenewed: when its owner dies, another
 *     instance takes the bot over at most this (plus one renew interval) later
 * @param leaseRenew how often the owner renews its leases and the other instances try to take them;
 *     well under {@code leaseTtl}
 * @param reconnectInitial the wait after the first failed connection attempt
 * @param reconnectMax the longest wait between attempts (exponential backoff with jitter between)
 * @param heartbeat how often Duban sends a heartbeat down an open connection
 * @param silenceTimeout a connection on which nothing arrived (no heartbeat answer, no message) for
 *     this long is left and opened again
 * @param connectTimeout how long opening a connection (ticket or endpoint request, TCP, TLS,
 *     WebSocket handshake) may take
 * @param downThreshold a stream bot without a connection on any instance for longer than this is
 *     down: reported in health details and by the gauge {@code duban.stream.down}; 0 turns the
 *     judgement off
 * @param failReadiness true turns readiness DOWN (on every instance) while a stream bot is down; by
 *     default a bot's connection does not take the service out of a load balancer
 */
@ConfigurationProperties("duban.chat.stream")
@Validated
public record StreamProperties(
    @NotNull @DefaultValue("15s") Duration leaseTtl,
    @NotNull @DefaultValue("5s") Duration leaseRenew,
    @NotNull @DefaultValue("1s") Duration reconnectInitial,
    @NotNull @DefaultValue("60s") Duration reconnectMax,
    @NotNull @DefaultValue("20s") Duration heartbeat,
    @NotNull @DefaultValue("60s") Duration silenceTimeout,
    @NotNull @DefaultValue("10s") Duration connectTimeout,
    @NotNull @DefaultValue("2m") Duration downThreshold,
    @DefaultValue("false") boolean failReadiness) {

  /** A renew interval as long as the lease would let the lease lapse between renewals. */
  @AssertTrue(message = "duban.chat.stream.lease-renew must be shorter than lease-ttl")
  public boolean isRenewShorterThanTtl() {
    return leaseRenew == null || leaseTtl == null || leaseRenew.compareTo(leaseTtl) < 0;
  }

  /** Heartbeats rarer than the silence timeout would make a quiet healthy connection look dead. */
  @AssertTrue(message = "duban.chat.stream.heartbeat must be shorter than silence-timeout")
  public boolean isHeartbeatShorterThanSilence() {
    return heartbeat == null || silenceTimeout == null || heartbeat.compareTo(silenceTimeout) < 0;
  }
}
