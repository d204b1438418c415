package io.duban.delivery;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound delivery ({@code duban.delivery}); each default is stated here only.
 *
 * @param sendTimeout longest wait for one platform call, token fetch included
 * @param connectTimeout longest wait to open a connection to a platform
 * @param maxAttempts sends tried before a message becomes DEAD
 * @param initialBackoff wait before the second attempt; doubles per attempt, with jitter
 * @param maxBackoff longest wait between attempts
 * @param pollInterval how often the dispatcher looks for due messages when nothing woke it: a
 *     fallback, since a commit that queues a message wakes the dispatchers of every instance
 * @param batchSize messages claimed per round; a full batch is followed at once by another round
 * @param sendConcurrency rate buckets (robots, apps) sent to at once within a round; messages of
 *     one bucket are sent one after another
 * @param stuckAfter a message SENDING for longer than this is claimable again, even from an
 *     instance that is still alive (stuck): the last resort, see {@code claim-lease}
 * @param claimLease how long an instance's claims (SENDING messages) stay its own after its last
 *     sign of life: each instance renews its lease every third of this, and the messages of one
 *     whose lease lapsed (killed, or cut off from the database) are claimable again; an instance
 *     starts a send only while its lease holds for at least another third
 * @param tokenRefreshMargin a cached access token is renewed this long before it expires
 * @param dispatcherEnabled false stops the background dispatcher (tests drive it by hand)
 */
@ConfigurationProperties("duban.delivery")
@Validated
public record DeliveryProperties(
    @NotNull @DefaultValue("10s") Duration sendTimeout,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @Min(1) @DefaultValue("8") int maxAttempts,
    @NotNull @DefaultValue("30s") Duration initialBackoff,
    @NotNull @DefaultValue("1h") Duration maxBackoff,
    @NotNull @DefaultValue("10s") Duration pollInterval,
    @Min(1) @DefaultValue("50") int batchSize,
    @Min(1) @DefaultValue("16") int sendConcurrency,
    @NotNull @DefaultValue("5m") Duration stuckAfter,
    @NotNull @DefaultValue("15s") Duration claimLease,
    @NotNull @DefaultValue("5m") Duration tokenRefreshMargin,
    @DefaultValue("true") boolean dispatcherEnabled) {}
