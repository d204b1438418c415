package io.duban.schedule;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Decides what one fire of a schedule of one kind sends; the {@link ScheduleRunner} queues the
 * messages and keeps the books. One bean per {@link ScheduleKind}.
 */
interface FirePlanner {

  /** The kind of schedule this planner serves. */
  ScheduleKind kind();

  /**
   * The messages {@code schedule} firing at {@code at} wants sent, each under its once-only key.
   */
  Mono<List<Dispatch>> plan(Schedule schedule, Instant at);
}
