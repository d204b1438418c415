package io.duban.system;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.UUID;
import java.util.regex.Pattern;
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
    ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(KEY));
    Hooks.enableAutomaticContextPropagation();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String given = exchange.getRequest().getHeaders().getFirst(HEADER);
    String id =
        given != null && SANE.matcher(given).matches()
            ? given
            : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    exchange.getResponse().getHeaders().set(HEADER, id);
    return chain.filter(exchange).contextWrite(context -> context.put(KEY, id));
  }
}
