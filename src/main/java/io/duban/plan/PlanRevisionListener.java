package io.duban.plan;

import reactor.core.publisher.Mono;

/**
 * A feature keeping rows keyed by (plan year, item code) implements this to move them when a
 * revision renumbers items. It runs inside the revision's transaction: an error rolls the whole
 * revision back. Rows keyed by item id need nothing, since items are updated in place.
 */
public interface PlanRevisionListener {

  Mono<Void> planRevised(PlanRevised revision);
}
