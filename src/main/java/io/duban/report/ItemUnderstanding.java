package io.duban.report;

import io.duban.plan.PlanCatalogueChanged;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Holds the parser for the current plan and rebuilds its index when the catalogue changes. */
@Component
class ItemUnderstanding {

  private static final Logger log = LoggerFactory.getLogger(ItemUnderstanding.class);

  private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(1);
  private static final Duration KEEP = Duration.ofMillis(Long.MAX_VALUE);

  private final PlanService plans;
  private final MatcherSettings settings;
  private final AtomicReference<Mono<ReportParser>> current = new AtomicReference<>();
  // what the kept parser was built from (the items' content hash): another instance's import or
  // alias change reaches this one only through the plan's catalogue, which it reads again in time
  private final AtomicInteger builtFrom = new AtomicInteger();
  private final ReportParser empty;

  ItemUnderstanding(PlanService plans, ReportProperties properties) {
    this.plans = plans;
    this.settings = properties.matcher().settings();
    this.empty = new ReportParser(List.of(), settings);
    current.set(Mono.empty());
  }

  /**
   * The parser over the current catalogue (one without items before the first import). When the
   * catalogue's items differ from those the kept parser was built from (an import or alias change
   * made by another instance, seen here once the plan reads them again), it is built anew.
   */
  Mono<ReportParser> parser() {
    return plans
        .items()
        .collectList()
        .flatMap(
            items -> {
              int version = items.hashCode();
              if (builtFrom.getAndSet(version) != version) {
                current.set(build(items));
              }
              return current.get();
            })
        .defaultIfEmpty(empty);
  }

  @EventListener
  void catalogueChanged(PlanCatalogueChanged event) {
    log.info("Plan {} imported or its aliases changed; rebuilding the item index", event.year());
    // builds it now, before the next message asks, when the items did change
    parser().subscribe(p -> {}, e -> log.warn("Building the item index failed: {}", e.toString()));
  }

  /**
   * Builds the index and loads the analyzer's dictionaries before the first message arrives, so
   * nobody waits for them. Startup is the one place this may wait.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    Mono<ReportParser> warm =
        parser()
            .doOnNext(ReportParser::warmUp)
            .onErrorResume(
                e -> {
                  log.warn("Item index not built at startup, will retry on use: {}", e.toString());
                  return Mono.empty();
                });
    try {
      warm.block(WARM_UP_LIMIT);
    } catch (IllegalStateException timedOut) {
      // a very large plan on a busy machine: starting is not refused for it, the index goes on
      // being built and the first messages wait for it
      log.warn("Item index not built within {}; building it in the background", WARM_UP_LIMIT);
      warm.subscribe();
    }
  }

  /**
   * The parser over the current items, kept once built; an empty result (no plan yet) or an error
   * is not kept, so the next message looks again.
   */
  private Mono<ReportParser> build(List<PlanItem> planItems) {
    return Mono.just(planItems.stream().map(ItemUnderstanding::catalogueItem).toList())
        .filter(items -> items.stream().anyMatch(CatalogueItem::leaf))
        .publishOn(Schedulers.boundedElastic())
        .map(items -> new ReportParser(items, settings))
        .doOnNext(p -> log.info("Item index built over {} leaves", p.catalogue().leaves().size()))
        .cache(parser -> KEEP, error -> Duration.ZERO, () -> Duration.ZERO);
  }

  static CatalogueItem catalogueItem(PlanItem item) {
    return new CatalogueItem(
        item.code(), item.parentCode(), item.title(), item.body(), item.leaf(), item.aliases());
  }
}
