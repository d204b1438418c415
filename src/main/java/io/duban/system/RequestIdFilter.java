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
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one),
 * returns it in the response and puts it in the logging context as {@code requestId}, so every log
 * line of one request can be found together.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

  static final String HEADER = "X-Request-Id";
  static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static {
    ContextRegistry registry = ContextRegistry.getInstance();
    // Automatic propagation restores every registered thread-local at every operator hop. Nothing
    // here reads the security context, the exchange or the current observation from a thread-local
    // (the libraries that register them read the Reactor context), so only the logging context is
    // propagated, which takes a large share of the CPU of a WeCom message off (bench/run.sh).
    registry.getThreadLocalAccessors().stream()
        .map(ThreadLocalAccessor::key)
        .toList()
        .forEach(registry::removeThreadLocalAccessor);
    registry.registerThreadLocalAccessor(new RequestIdAccessor());
    Hooks.enableAutomaticContextPropagation();
  }

  /**
   * The request id between the Reactor context and the logging context (MDC). Propagation calls it
   * at every thread hop of every pipeline, background work included (there to clear the id), so it
   * touches the MDC only when the id changes; the general Slf4j accessor built a map of its keys on
   * every call (a tenth of the CPU of a WeCom message).
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
    return chain.filter(exchange).contextWrite(context -> context.put(KEY, id));
  }
}
