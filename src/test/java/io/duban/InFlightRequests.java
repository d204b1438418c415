package io.duban;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * Keeps the requests every test server is handling right now, so that when a test's request goes
 * unanswered, {@link ThreadDumpOnTimeout} can tell whether the server received it and how far it
 * got: the last step recorded is the handler's response being committed or the request ending.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InFlightRequests {

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Map<Long, String> ACTIVE = new ConcurrentHashMap<>();

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter inFlightRequests(org.springframework.core.env.Environment environment) {
    return (exchange, chain) -> {
      long id = SEQUENCE.incrementAndGet();
      Instant started = Instant.now();
      String what =
          exchange.getRequest().getMethod()
              + " "
              + exchange.getRequest().getURI().getRawPath()
              + " on the server of port "
              + environment.getProperty("local.server.port", "?")
              + " since "
              + started
              + " (thread "
              + Thread.currentThread().getName()
              + ")";
      ACTIVE.put(id, what);
      exchange
          .getResponse()
          .beforeCommit(
              () -> {
                ACTIVE.computeIfPresent(
                    id,
                    (k, v) -> v + "; response committed " + exchange.getResponse().getStatusCode());
                return reactor.core.publisher.Mono.empty();
              });
      return chain.filter(exchange).doFinally(signal -> ACTIVE.remove(id));
    };
  }

  /** The requests being handled now, one line each, with how long they have been running. */
  static String describe() {
    if (ACTIVE.isEmpty()) {
      return "No request is being handled by any test server.\n";
    }
    StringBuilder out = new StringBuilder("Requests being handled now:\n");
    ACTIVE.forEach(
        (id, what) -> out.append("  #").append(id).append(' ').append(what).append('\n'));
    return out.toString();
  }
}
