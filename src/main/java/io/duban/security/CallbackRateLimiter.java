package io.duban.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 429 to a source that sends callbacks faster than its token bucket allows; refusals are
 * logged as a summary ({@link RefusalSummary}), not one line each.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CallbackRateLimiter implements WebFilter {

  private static final Logger log = LoggerFactory.getLogger(CallbackRateLimiter.class);
  private static final byte[] BODY =
      "{\"error\":\"RATE_LIMITED\",\"message\":\"too many callbacks from this source; retry later\"}"
          .getBytes(StandardCharsets.UTF_8);

  /** How often refusals are summed up in the log. */
  static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

  private final CallbackRateLimitProperties properties;
  private final MeterRegistry meters;
  private final Map<String, Bucket> buckets;
  private final RefusalSummary refusals;

  CallbackRateLimiter(CallbackRateLimitProperties properties, MeterRegistry meters, Clock clock) {
    this.properties = properties;
    this.meters = meters;
    this.refusals = new RefusalSummary("Callback (rate limit)", log, clock, SUMMARY_EVERY);
    this.buckets =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > properties.maxSources();
          }
        };
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!properties.enabled()
        || !exchange.getRequest().getPath().value().startsWith("/callbacks/")) {
      return chain.filter(exchange);
    }
    String source = ClientAddress.of(exchange.getRequest());
    if (take(source, System.nanoTime())) {
      return chain.filter(exchange);
    }
    meters.counter("duban.inbound.rejected", "reason", "rate_limited").increment();
    refusals.refused(source);
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set("Retry-After", "1");
    return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
  }

  @PreDestroy
  void stop() {
    refusals.close();
  }

  /** Takes one token from the source's bucket; false when it is empty. */
  boolean take(String source, long nowNanos) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(source, s -> new Bucket(properties.burst(), nowNanos));
    }
    return bucket.take(
        nowNanos,
        properties.perMinute() / (double) TimeUnit.MINUTES.toNanos(1),
        properties.burst());
  }

  /** Tokens left and when they were last counted. */
  private static final class Bucket {
    private double tokens;
    private long counted;

    Bucket(double tokens, long counted) {
      this.tokens = tokens;
      this.counted = counted;
    }

    synchronized boolean take(long now, double perNano, int capacity) {
      tokens = Math.min(capacity, tokens + Math.max(0, now - counted) * perNano);
      counted = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
