package io.duban.system;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the HTTP server waits for a client ({@code duban.http}); a slow or silent client is cut
 * off instead of holding a connection. The idle time between requests is {@code
 * server.netty.idle-timeout}.
 *
 * @param requestHeadTimeout from a connection's opening, or its previous answer, until a whole
 *     request line and headers have arrived (a client trickling them byte by byte is closed)
 * @param readTimeout the longest pause between two reads of a request body
 * @param requestTimeout the longest time to read a whole request body
 */
@Validated
@ConfigurationProperties("duban.http")
public record HttpTimeoutProperties(
    @NotNull Duration requestHeadTimeout,
    @NotNull Duration readTimeout,
    @NotNull Duration requestTimeout) {}
