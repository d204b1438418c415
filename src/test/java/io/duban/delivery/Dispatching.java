package io.duban.delivery;

import java.time.Duration;
import org.springframework.context.ApplicationContext;

/** Lets a test of another feature send what is due, as the dispatcher's poll would. */
public final class Dispatching {

  private Dispatching() {}

  /** One dispatch round of the context's outbox; answers how many sends were attempted. */
  public static long dispatchDue(ApplicationContext context) {
    return context.getBean(OutboxDispatcher.class).dispatchDue().block(Duration.ofSeconds(30));
  }

  /** Forgets the rate buckets the context's limiter knows full, for a test that empties tables. */
  public static void forgetRateCounts(ApplicationContext context) {
    context.getBean(RateLimiter.class).forget();
  }
}
