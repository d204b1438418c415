package io.duban.system;

import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/**
 * The id of the request being handled ({@link RequestIdFilter}), for the log lines written during
 * it. The id travels in the Reactor context, not in thread-locals restored at every operator (that
 * cost a tenth of a message's CPU): {@code Mono#handle} and {@code Flux#tap} restore it into the
 * logging context by themselves; a line written elsewhere during a request is written through
 * {@link #logging}.
 */
public final class RequestIds {

  /** The key in the Reactor context and in the logging context (MDC). */
  public static final String KEY = "requestId";

  /** The exchange attribute that holds the id. */
  static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

  private RequestIds() {}

  /** Runs {@code line}, a synchronous log call, with the exchange's request id in the MDC. */
  public static void logging(ServerWebExchange exchange, Runnable line) {
    logging((String) exchange.getAttribute(ATTRIBUTE), line);
  }

  /** Runs {@code line}, a synchronous log call, with the context's request id in the MDC. */
  public static void logging(ContextView context, Runnable line) {
    logging(context.<String>getOrDefault(KEY, null), line);
  }

  private static void logging(String id, Runnable line) {
    String before = MDC.get(KEY);
    if (id == null || id.equals(before)) {
      line.run();
      return;
    }
    MDC.put(KEY, id);
    try {
      line.run();
    } finally {
      if (before == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, before);
      }
    }
  }
}
