package io.duban.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The plan catalogue: the current year's items, and importing a new plan. */
@Service
public class PlanService {

  private static final Logger log = LoggerFactory.getLogger(PlanService.class);

  /** The largest plan document read (10 MB). */
  public static final int MAX_DOCUMENT_BYTES = DocumentText.MAX_BYTES;

  /** The refusal of a document over {@link #MAX_DOCUMENT_BYTES}. */
  public static DomainException documentTooLarge() {
    return DocumentText.tooLarge();
  }

  /** How long the current plan is read from memory before the database is asked again. */
  static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final PlanRepository plans;
  private final AliasRepository aliases;
  private final Clock clock;
  private final TransactionalOperator tx;
  private final ApplicationEventPublisher events;
  // looked up when a revision runs: the listeners themselves read the catalogue
  private final ObjectProvider<PlanRevisionListener> revisionListeners;
  private final AdminAudit audit;
  private final PlanDocumentParser parser = new PlanDocumentParser();
  private final AtomicReference<Mono<Catalogue>> current = new AtomicReference<>();

  PlanService(
      PlanRepository plans,
      AliasRepository aliases,
      Clock clock,
      TransactionalOperator tx,
      ApplicationEventPublisher events,
      ObjectProvider<PlanRevisionListener> revisionListeners,
      AdminAudit audit) {
    this.plans = plans;
    this.aliases = aliases;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
    this.revisionListeners = revisionListeners;
    this.audit = audit;
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

  /**
   * The items of {@code year}'s plan in document order, read from the database: the current plan's
   * or an older one's (codes repeat from year to year, so a code alone does not name an item).
   */
  public Flux<PlanItem> items(int year) {
    return plans.items(year);
  }

  /**
   * The items with these ids, of any year's plan (withdrawn ones left out), newest plan first and
   * in document order: for records that keep item ids, such as a 签收 owed.
   */
  public Flux<PlanItem> itemsById(java.util.Collection<Long> ids) {
    return ids.isEmpty() ? Flux.empty() : plans.itemsById(ids.toArray(Long[]::new));
  }

  /** The reportable items of the current plan. */
  public Flux<PlanItem> leaves() {
    return items().filter(PlanItem::leaf);
  }

  /** An item of the current plan, or a 404 refusal. */
  public Mono<PlanItem> item(String code) {
    return findItem(code)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有编号为 " + code + " 的事项")));
  }

  /** An item of the current plan, or empty. */
  public Mono<PlanItem> findItem(String code) {
    return catalogue().mapNotNull(c -> c.byCode().get(code));
  }

  /** Reads a plan document and stores it, all or nothing. */
  public Mono<ImportResult> importDocument(String document, Integer year, String source) {
    return Mono.fromCallable(() -> parser.read(document, year, source))
        .flatMap(reading -> store(reading, null));
  }

  /** Reads a plan document given as a file (.txt, .docx, .xlsx, .pdf) and stores it. */
  public Mono<ImportResult> importDocument(byte[] document, Integer year, String source) {
    return importDocument(document, year, null, source);
  }

  /**
   * Reads a plan document given as a file and stores it, all or nothing: a new year's plan, or a
   * revision of the stored one for that year (items updated in place, see {@link PlanRevision}). It
   * joins the caller's transaction when there is one.
   *
   * @param title the plan's title as the admin corrected it, or null for the document's own
   */
  public Mono<ImportResult> importDocument(
      byte[] document, Integer year, String title, String source) {
    return read(document, year, source).flatMap(reading -> store(reading, title));
  }

  /** Reads a plan document as an import would and says what it would store; stores nothing. */
  public Mono<PlanPreview> preview(byte[] document, Integer year, String title, String source) {
    return read(document, year, source)
        .map(reading -> titled(reading, title))
        .flatMap(
            reading ->
                plans
                    .exists(reading.plan().year())
                    .flatMap(
                        exists ->
                            exists
                                ? documentItems(reading.plan().year())
                                    .map(
                                        stored ->
                                            PlanPreview.of(
                                                reading,
                                                PlanRevision.between(stored, reading.plan().items())
                                                    .changes()))
                                : Mono.just(PlanPreview.of(reading, null))));
  }

  Mono<PlanPreview> preview(byte[] document, Integer year, String source) {
    return preview(document, year, null, source);
  }

  private Mono<PlanReading> read(byte[] document, Integer year, String source) {
    // Word, Excel and PDF parsing is CPU and memory work: keep it off the event loop.
    return Mono.fromCallable(() -> parser.read(DocumentText.of(document), year, source))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static PlanReading titled(PlanReading reading, String title) {
    if (title == null || title.isBlank()) {
      return reading;
    }
    ParsedPlan plan = reading.plan();
    return new PlanReading(
        new ParsedPlan(plan.year(), title.strip(), plan.source(), plan.items()),
        reading.responsibilities(),
        reading.warnings(),
        reading.aliases());
  }

  /** Stores a reviewed plan for a year that has none (the seed). */
  Mono<ImportResult> store(ParsedPlan plan) {
    return store(new PlanReading(plan, Map.of(), List.of()), null);
  }

  /** Stores a reviewed plan with the aliases read from its document (by item code). */
  Mono<ImportResult> store(ParsedPlan plan, Map<String, List<String>> itemAliases) {
    return store(new PlanReading(plan, Map.of(), List.of(), itemAliases), null);
  }

  private Mono<ImportResult> store(PlanReading original, String title) {
    PlanReading reading = titled(original, title);
    ParsedPlan plan = reading.plan();
    Mono<ImportResult> stored =
        plans
            .exists(plan.year())
            .flatMap(
                exists ->
                    exists
                        ? revise(plan, reading.aliases())
                        : create(plan, reading.aliases()).thenReturn(Optional.<PlanChanges>empty()))
            .flatMap(
                changes ->
                    storedItems(plan.year())
                        .map(
                            items ->
                                new ImportResult(
                                    plan.year(),
                                    plan.title(),
                                    plan.items().size(),
                                    plan.leaves().stream().map(ParsedPlan.Item::code).toList(),
                                    reading.warnings(),
                                    PlanPreview.responsibilities(reading),
                                    changes.orElse(null),
                                    items.stream()
                                        .collect(
                                            Collectors.toUnmodifiableMap(
                                                PlanItem::code, PlanItem::id)))))
            .flatMap(result -> refreshAfterCommit(result.year()).thenReturn(result));
    return tx.transactional(stored);
  }

  /** Stores a new year's plan with the aliases read from its document (by item code). */
  private Mono<Void> create(ParsedPlan plan, Map<String, List<String>> itemAliases) {
    return ItemAliases.actor()
        .flatMap(
            by ->
                plans
                    .insertPlan(plan)
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
                                                  insertAliases(
                                                      id, itemAliases.get(item.code()), by));
                                    })
                                .then()));
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
   * Revises the stored plan of the document's year in place: kept items get their new code, title,
   * body and place; removed ones are withdrawn; new ones are inserted; listeners move what they key
   * by code; the admin audit records it. Items it adds get the aliases read from the document; kept
   * items keep the aliases they have. All in the caller's transaction.
   */
  private Mono<Optional<PlanChanges>> revise(
      ParsedPlan plan, Map<String, List<String>> itemAliases) {
    return Mono.zip(plans.planId(plan.year()), documentItems(plan.year()))
        .flatMap(
            t -> {
              long planId = t.getT1();
              PlanRevision revision = PlanRevision.between(t.getT2(), plan.items());
              Map<String, Long> positions = new HashMap<>();
              for (int i = 0; i < plan.items().size(); i++) {
                positions.put(plan.items().get(i).code(), (long) i);
              }
              List<Long> parked = new ArrayList<>();
              Map<String, String> codes = new LinkedHashMap<>();
              revision
                  .matched()
                  .forEach(
                      (old, item) -> {
                        parked.add(old.id());
                        if (!old.code().equals(item.code())) {
                          codes.put(old.code(), item.code());
                        }
                      });
              revision
                  .removed()
                  .forEach(
                      old -> {
                        parked.add(old.id());
                        codes.put(old.code(), "0." + old.id());
                      });
              Mono<Void> kept =
                  Flux.fromIterable(revision.matched().entrySet())
                      .concatMap(
                          e ->
                              plans.updateItem(
                                  e.getKey().id(),
                                  e.getValue(),
                                  plan.isLeaf(e.getValue().code()),
                                  positions.get(e.getValue().code()).intValue()))
                      .then();
              Mono<Void> withdrawn =
                  Flux.fromIterable(revision.removed())
                      .concatMap(old -> plans.withdraw(old.id(), old.code()))
                      .then();
              Mono<Void> added =
                  Flux.fromIterable(revision.added())
                      .concatMap(
                          item ->
                              plans
                                  .insertItem(
                                      planId,
                                      item,
                                      plan.isLeaf(item.code()),
                                      positions.get(item.code()).intValue())
                                  .flatMap(
                                      id ->
                                          ItemAliases.actor()
                                              .flatMap(
                                                  by ->
                                                      insertAliases(
                                                          id, itemAliases.get(item.code()), by))))
                      .then();
              PlanRevised revised = new PlanRevised(plan.year(), codes);
              PlanChanges changes = revision.changes();
              return plans
                  .park(parked)
                  .then(kept)
                  .then(withdrawn)
                  .then(added)
                  .then(plans.revisePlan(planId, plan.title(), plan.source()))
                  .thenMany(
                      Flux.fromStream(revisionListeners::orderedStream)
                          .concatMap(listener -> listener.planRevised(revised)))
                  .then(
                      audit.record(
                          "PLAN_REVISED",
                          "plan:" + plan.year(),
                          plan.year() + "年计划修订：" + changes.summary()))
                  .thenReturn(Optional.of(changes));
            });
  }

  /** The stored, not withdrawn items of a year's document (no 督办事项): what a revision compares. */
  private Mono<List<PlanItem>> documentItems(int year) {
    return plans.documentItems(year).collectList();
  }

  /**
   * Files a 督办事项 (交办事项) as an item of the current plan, with the next code {@code J<year>-NNN} of
   * the year it is filed in (dotted plan codes can never be one). Before any plan is imported it
   * goes into an empty plan of that year. Joins the caller's transaction (one is opened when there
   * is none); the catalogue is read again once it commits.
   *
   * @param content what is to be done (the item's body; its first clause is the title)
   */
  public Mono<PlanItem> fileTask(String content, ItemSource source) {
    if (content == null || content.isBlank()) {
      return Mono.error(DomainException.badRequest("交办事项须写明工作内容"));
    }
    if (source == null || !source.task() || source.filedAt() == null) {
      return Mono.error(DomainException.badRequest("交办事项须注明来源（批示、会议、建议提案或其他）"));
    }
    String body = content.strip();
    int year = source.filedAt().atZone(clock.getZone()).getYear();
    Mono<PlanItem> work =
        plans
            .currentYear()
            .flatMap(plans::planId)
            .switchIfEmpty(Mono.defer(() -> plans.insertEmptyPlan(year)))
            .flatMap(
                planId ->
                    plans
                        .lastTaskNumber(year)
                        .flatMap(
                            last -> {
                              String code = TaskCodes.code(year, last + 1);
                              return plans
                                  .insertTask(planId, code, ItemTitle.of(body).text(), body, source)
                                  .flatMap(id -> plans.item(id));
                            }))
            .flatMap(item -> refreshAfterCommit(item.year()).thenReturn(item));
    return tx.transactional(work);
  }

  /** The stored, not withdrawn items of a year in document order. */
  private Mono<List<PlanItem>> storedItems(int year) {
    return plans.items(year).collectList();
  }

  /**
   * Once the transaction that stored a plan has ended, forgets the kept catalogue (it may have read
   * rows that were rolled back) and, when it committed, tells the indexes over the items.
   */
  private Mono<Void> refreshAfterCommit(int year) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .doOnNext(
            sync ->
                sync.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public Mono<Void> afterCompletion(int status) {
                        return Mono.fromRunnable(
                            () -> {
                              current.set(load());
                              if (status == STATUS_COMMITTED) {
                                events.publishEvent(new PlanCatalogueChanged(year));
                              }
                            });
                      }
                    }))
        .then();
  }

  /**
   * The current plan as last read. Every message reads it several times, so it is kept in memory: a
   * plan imported or revised here replaces it as soon as that commits; one imported or revised by
   * another instance is seen within {@link #FRESH_FOR}. Before the first import nothing is kept, so
   * the next call looks again.
   */
  private Mono<Catalogue> catalogue() {
    // deferred: a chain built before an import commits still reads the catalogue kept after it
    return Mono.defer(current::get);
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

  /**
   * Keeps an uploaded document while the admin reviews its preview on the dashboard, so that the
   * confirm imports exactly what was previewed; kept a day.
   */
  public Mono<Draft> saveDraft(byte[] document, String filename) {
    if (document.length > MAX_DOCUMENT_BYTES) {
      return Mono.error(documentTooLarge());
    }
    UUID id = UUID.randomUUID();
    return plans.saveDraft(id, document, filename).thenReturn(new Draft(id, document, filename));
  }

  /** A kept document, or a refusal when it is unknown or older than a day. */
  public Mono<Draft> draft(UUID id) {
    return plans
        .draft(id)
        .switchIfEmpty(
            Mono.error(
                new DomainException(HttpStatus.NOT_FOUND, "DRAFT_GONE", "预览已过期或不存在，请重新上传文档")));
  }

  /** Forgets a kept document once its import is confirmed. */
  public Mono<Void> dropDraft(UUID id) {
    return plans.dropDraft(id);
  }

  /**
   * A document uploaded on the dashboard, waiting for its import to be confirmed.
   *
   * @param id its key
   * @param document the file's bytes
   * @param filename the uploaded file's name
   */
  public record Draft(UUID id, byte[] document, String filename) {}

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
   * @param revision what changed when the year's plan was already stored, or null for a new plan
   * @param itemIds the stored id of each current item by code, for the caller to attach rows to
   */
  public record ImportResult(
      int year,
      String title,
      int items,
      List<String> leaves,
      List<String> warnings,
      List<PlanPreview.ItemResponsibility> responsibilities,
      PlanChanges revision,
      @JsonIgnore Map<String, Long> itemIds) {}
}
