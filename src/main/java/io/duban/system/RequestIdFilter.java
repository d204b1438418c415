package io.duban.system;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * returns it in the response and keeps it for the log, so every log line of one request can be
 * found together: Duban's own lines carry it as {@code requestId} ({@link RequestIds}), Spring's
 * lines about the request begin with it (it is the exchange's log id).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

  static final String HEADER = "X-Request-Id";
  static final String KEY = RequestIds.KEY;
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static {
    ContextRegistry registry = ContextRegistry.getInstance();
    // Nothing here reads the security context, the exchange or the current observation from a
    // thread-local (the libraries that register them read the Reactor context), so only the
    // request id is registered, and Reactor's automatic propagation stays off: it restored the
    // thread-locals at every operator and scheduled task of every pipeline, background work
    // included, 7 to 12 % of the CPU of a message (bench/results/2026-12-03-rates-4.md). In this
    // manual mode Mono#handle and Flux#tap still restore the id for the lines they log.
    registry.getThreadLocalAccessors().stream()
        .map(ThreadLocalAccessor::key)
        .toList()
        .forEach(registry::removeThreadLocalAccessor);
    registry.registerThreadLocalAccessor(new RequestIdAccessor());
  }

  /**
   * The request id between the Reactor context and the logging context (MDC), for the operators
   * that restore it; it touches the MDC only when the id changes.
   */
  private static final class RequestIdAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
      return KEY;
    }

    @Override
    public String getValue() {
      return MDC.get(KEY);
    }

    @Override
    public void setValue(String value) {
      if (!value.equals(MDC.get(KEY))) {
        MDC.put(KEY, value);
      }
    }

    @Override
    public void setValue() {
      if (MDC.get(KEY) != null) {
        MDC.remove(KEY);
      }
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String given = exchange.getRequest().getHeaders().getFirst(HEADER);
    String id =
        given != null && SANE.matcher(given).matches()
            ? given
            // an id to find log lines by, not a secret: no SecureRandom (a lock and a read of
            // /dev/urandom per request)
            : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    exchange.getResponse().getHeaders().set(HEADER, id);
    exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
    // Spring's own lines about this exchange (errors, codecs) begin with its log id
    exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);
    return chain.filter(exchange).contextWrite(context -> context.put(KEY, id));
  }
}
