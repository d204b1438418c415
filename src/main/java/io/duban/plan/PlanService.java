package io.duban.plan;

import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The plan catalogue: the current year's items, and importing a new plan. */
@Service
public class PlanService {

  private static final Logger log = LoggerFactory.getLogger(PlanService.class);

  /** How long the current plan is read from memory before the database is asked again. */
  static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final PlanRepository plans;
  private final AliasRepository aliases;
  private final Clock clock;
  private final TransactionalOperator tx;
  private final ApplicationEventPublisher events;
  private final PlanDocumentParser parser = new PlanDocumentParser();
  private final AtomicReference<Mono<Catalogue>> current = new AtomicReference<>();

  PlanService(
      PlanRepository plans,
      AliasRepository aliases,
      Clock clock,
      TransactionalOperator tx,
      ApplicationEventPublisher events) {
    this.plans = plans;
    this.aliases = aliases;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
    current.set(load());
  }

  /** The year of the current plan (the latest imported), empty before any import. */
  public Mono<Integer> currentYear() {
    return catalogue().map(Catalogue::year);
  }

  /** All items of the current plan in document order. */
  public Flux<PlanItem> items() {
    return catalogue().flatMapIterable(Catalogue::items);
  }

  /** The reportable items of the current plan. */
  public Flux<PlanItem> leaves() {
    return items().filter(PlanItem::leaf);
  }

  /** An item of the current plan, or a 404 refusal. */
  public Mono<PlanItem> item(String code) {
    return findItem(code)
        .switchIfEmpty(Mono.error(DomainException.notFound("no plan item with code " + code)));
  }

  /** An item of the current plan, or empty. */
  public Mono<PlanItem> findItem(String code) {
    return catalogue().mapNotNull(c -> c.byCode().get(code));
  }

  /** Reads a plan document and stores it, all or nothing. */
  public Mono<ImportResult> importDocument(String document, Integer year, String source) {
    return Mono.fromCallable(() -> parser.read(document, year, source)).flatMap(this::store);
  }

  /** Reads a plan document given as a file (.txt, .docx, .xlsx, .pdf) and stores it. */
  public Mono<ImportResult> importDocument(byte[] document, Integer year, String source) {
    return read(document, year, source).flatMap(this::store);
  }

  /** Reads a plan document as an import would and says what it would store; stores nothing. */
  Mono<PlanPreview> preview(byte[] document, Integer year, String source) {
    return read(document, year, source)
        .flatMap(
            reading ->
                plans.exists(reading.plan().year()).map(exists -> PlanPreview.of(reading, exists)));
  }

  private Mono<PlanReading> read(byte[] document, Integer year, String source) {
    // Word, Excel and PDF parsing is CPU and memory work: keep it off the event loop.
    return Mono.fromCallable(() -> parser.read(DocumentText.of(document), year, source))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private Mono<ImportResult> store(PlanReading reading) {
    return store(reading.plan(), reading.aliases())
        .map(
            stored ->
                new ImportResult(
                    stored.year(),
                    stored.title(),
                    stored.items(),
                    stored.leaves(),
                    reading.warnings(),
                    PlanPreview.responsibilities(reading)));
  }

  Mono<ImportResult> store(ParsedPlan plan) {
    return store(plan, AliasExtractor.extract(plan.items(), null));
  }

  /** Stores a plan with the aliases read from its document (by item code), all or nothing. */
  Mono<ImportResult> store(ParsedPlan plan, Map<String, List<String>> itemAliases) {
    Mono<String> importer = ItemAliases.actor();
    Mono<ImportResult> stored =
        plans
            .exists(plan.year())
            .flatMap(
                exists ->
                    exists
                        ? Mono.error(
                            new DomainException(
                                HttpStatus.CONFLICT,
                                "PLAN_EXISTS",
                                "a plan for " + plan.year() + " is already stored"))
                        : plans.insertPlan(plan))
            .flatMap(
                planId ->
                    Flux.range(0, plan.items().size())
                        .concatMap(
                            i -> {
                              ParsedPlan.Item item = plan.items().get(i);
                              return plans
                                  .insertItem(planId, item, plan.isLeaf(item.code()), i)
                                  .flatMap(
                                      id ->
                                          importer.flatMap(
                                              by ->
                                                  insertAliases(
                                                      id, itemAliases.get(item.code()), by)));
                            })
                        .then(
                            Mono.just(
                                new ImportResult(
                                    plan.year(),
                                    plan.title(),
                                    plan.items().size(),
                                    plan.leaves().stream().map(ParsedPlan.Item::code).toList(),
                                    List.of(),
                                    List.of()))));
    return tx.transactional(stored)
        .doOnSuccess(
            result -> {
              current.set(load());
              events.publishEvent(new PlanCatalogueChanged(result.year()));
            });
  }

  private Mono<Void> insertAliases(long itemId, List<String> names, String by) {
    if (names == null || names.isEmpty()) {
      return Mono.empty();
    }
    return Flux.fromIterable(names)
        .concatMap(n -> aliases.insert(itemId, n, AliasSource.IMPORTED, by, clock.instant()))
        .then();
  }

  /** Reads the current plan again and tells the indexes over it to rebuild: its aliases changed. */
  Mono<Void> aliasesChanged() {
    Mono<Catalogue> fresh = load();
    current.set(fresh);
    return fresh
        .doOnNext(c -> events.publishEvent(new PlanCatalogueChanged(c.year())))
        .then()
        .onErrorResume(
            e -> {
              log.warn("Plan catalogue not read again after an alias change: {}", e.toString());
              return Mono.empty();
            });
  }

  /**
   * The current plan as last read. Every message reads it several times, so it is kept in memory: a
   * new year imported here, or an alias changed here, replaces it at once; one imported by another
   * instance is seen within {@link #FRESH_FOR}. Before the first import nothing is kept, so the
   * next call looks again.
   */
  private Mono<Catalogue> catalogue() {
    return current.get();
  }

  private Mono<Catalogue> load() {
    return plans
        .currentYear()
        .flatMap(
            year ->
                Mono.zip(plans.items(year).collectList(), aliases.byItem(year))
                    .map(t -> new Catalogue(year, withAliases(t.getT1(), t.getT2()))))
        .cache(catalogue -> FRESH_FOR, error -> Duration.ZERO, () -> Duration.ZERO);
  }

  private static List<PlanItem> withAliases(List<PlanItem> items, Map<Long, List<String>> names) {
    return items.stream()
        .map(i -> names.containsKey(i.id()) ? i.withAliases(names.get(i.id())) : i)
        .toList();
  }

  /** The current year's items, in document order and by code. */
  private record Catalogue(int year, List<PlanItem> items, Map<String, PlanItem> byCode) {
    Catalogue(int year, List<PlanItem> items) {
      this(
          year,
          List.copyOf(items),
          items.stream().collect(Collectors.toUnmodifiableMap(PlanItem::code, i -> i)));
    }
  }

  Mono<Boolean> isEmpty() {
    return plans.countItems().map(n -> n == 0);
  }

  /**
   * What an import stored.
   *
   * @param year the plan's year
   * @param title the document's title
   * @param items how many items were stored
   * @param leaves the codes of the reportable items
   * @param warnings what the reader left out or cut, for the admin
   * @param responsibilities who the document says answers for which item (unit names as written),
   *     for the caller to match to units; plan keeps no units
   */
  public record ImportResult(
      int year,
      String title,
      int items,
      List<String> leaves,
      List<String> warnings,
      List<PlanPreview.ItemResponsibility> responsibilities) {}
}
