package io.duban.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-source limit on platform callbacks ({@code duban.callbacks.rate-limit}): a token bucket per
 * client address, so one misbehaving or hostile source cannot flood the store.
 *
 * @param enabled whether the limit applies
 * @param perMinute sustained requests per minute per source
 * @param burst requests a source may send at once after being quiet
 * @param maxSources how many sources are tracked at once; the quietest are forgotten first
 */
@ConfigurationProperties("duban.callbacks.rate-limit")
public record CallbackRateLimitProperties(
    Boolean enabled, Integer perMinute, Integer burst, Integer maxSources) {

  public CallbackRateLimitProperties {
    enabled = enabled == null || enabled;
    perMinute = perMinute == null ? 3000 : perMinute;
    burst = burst == null ? 200 : burst;
    maxSources = maxSources == null ? 10_000 : maxSources;
  }
}
