package io.duban.unit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.duban.plan.PlanPreview;
import io.duban.plan.PlanService;
import io.duban.plan.Responsibility;
import io.duban.system.DomainException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Adopting a plan document: the plan feature reads and stores it (a new year, or a revision of a
 * stored one); this feature matches the units the document names to known units and, on confirm,
 * creates the units the admin asked for and the assignments the document states, all in the one
 * transaction that stores the plan.
 */
@Service
public class PlanAdoption {

  /** A mapping value asking for a new unit under the written name. */
  public static final String CREATE = "create";

  /** A mapping value leaving the name out: it leads or supports nothing. */
  public static final String SKIP = "skip";

  private final PlanService plans;
  private final UnitRepository repository;
  private final TransactionalOperator tx;
  private final Acknowledgements acknowledgements;
  private final ApplicationEventPublisher events;

  PlanAdoption(
      PlanService plans,
      UnitRepository repository,
      TransactionalOperator tx,
      Acknowledgements acknowledgements,
      ApplicationEventPublisher events) {
    this.plans = plans;
    this.repository = repository;
    this.tx = tx;
    this.acknowledgements = acknowledgements;
    this.events = events;
  }

  /**
   * What confirming would store: the plan's tree and revision, and for each unit name its match.
   *
   * @param plan the plan preview
   * @param units each name the document uses, matched or not
   * @param assignments per item: the matched units, the names still unknown, leader and deadline
   * @param unknownNames the names no unit was found for (or more than one): the admin must map each
   *     to a unit, create it or skip it before confirming
   */
  public record Preview(
      @JsonUnwrapped PlanPreview plan,
      List<NameMatch> units,
      List<ItemUnits> assignments,
      List<String> unknownNames) {

    Preview(PlanPreview plan, List<NameMatch> units, List<ItemUnits> assignments) {
      this(
          plan,
          units,
          assignments,
          units.stream().filter(u -> u.unit() == null).map(NameMatch::name).toList());
    }
  }

  /**
   * One unit name of the document.
   *
   * @param name as written
   * @param unit the known unit's code, or null when unknown or ambiguous
   * @param unitName the known unit's name, or null
   * @param how EXACT, NORMALISED, AMBIGUOUS or UNKNOWN
   * @param candidates the units that fit an ambiguous name
   */
  public record NameMatch(
      String name, String unit, String unitName, String how, List<String> candidates) {}

  /**
   * The responsibility of one item with units resolved.
   *
   * @param code the item's code
   * @param lead the lead unit's code, or null
   * @param supports the supporting units' codes
   * @param unknown the names of this item no unit is known for yet
   * @param leader the 责任领导 as written, or null
   * @param deadlineText the 完成时限 as written, or null
   * @param deadline the date read from it, or null
   */
  public record ItemUnits(
      String code,
      String lead,
      List<String> supports,
      List<String> unknown,
      String leader,
      String deadlineText,
      LocalDate deadline) {}

  /**
   * What confirming stored.
   *
   * @param plan what the plan feature stored
   * @param assignments the assignments created or replaced
   * @param created the units created for names the admin asked to create
   */
  public record Adopted(
      @JsonUnwrapped PlanService.ImportResult plan,
      List<ItemUnits> assignments,
      List<Unit> created) {}

  /** Reads the document and matches its units; stores nothing. */
  public Mono<Preview> preview(byte[] document, Integer year, String title, String source) {
    return Mono.zip(plans.preview(document, year, title, source), repository.units().collectList())
        .map(
            t -> {
              PlanPreview preview = t.getT1();
              Map<String, NameMatch> names = matches(preview.unitNames(), t.getT2());
              List<ItemUnits> items = new ArrayList<>();
              collect(preview.tree(), preview.year(), names, items);
              return new Preview(preview, List.copyOf(names.values()), items);
            });
  }

  /**
   * Stores the plan and applies its responsibilities, all or nothing. Every name no unit matches
   * must be mapped ({@code name → unit code}, {@link #CREATE} or {@link #SKIP}); otherwise the
   * import is refused naming them, and nothing is stored.
   */
  public Mono<Adopted> adopt(
      byte[] document, Integer year, String title, String source, Map<String, String> mapping) {
    Map<String, String> map = mapping == null ? Map.of() : mapping;
    Mono<Adopted> work =
        Mono.zip(
                plans.importDocument(document, year, title, source),
                repository.units().collectList())
            .flatMap(
                t -> {
                  PlanService.ImportResult stored = t.getT1();
                  List<Unit> known = t.getT2();
                  Set<String> named = new LinkedHashSet<>();
                  stored.responsibilities().forEach(r -> named.addAll(r.responsibility().units()));
                  Map<String, NameMatch> names = matches(List.copyOf(named), known);
                  List<String> problems = new ArrayList<>();
                  Map<String, String> resolved = new LinkedHashMap<>();
                  Set<String> skipped = new HashSet<>();
                  List<Unit> created = new ArrayList<>();
                  Set<String> codes = new HashSet<>(known.stream().map(Unit::code).toList());
                  for (NameMatch m : names.values()) {
                    String choice = map.get(m.name());
                    if (choice == null || choice.isBlank()) {
                      if (m.unit() == null) {
                        problems.add("“" + m.name() + "”");
                      } else {
                        resolved.put(m.name(), m.unit());
                      }
                    } else if (choice.equals(SKIP)) {
                      skipped.add(m.name());
                    } else if (choice.equals(CREATE) && m.how().equals("EXACT")) {
                      resolved.put(m.name(), m.unit());
                    } else if (choice.equals(CREATE)) {
                      Unit unit = newUnit(m.name(), codes);
                      created.add(unit);
                      resolved.put(m.name(), unit.code());
                    } else if (codes.contains(choice)) {
                      resolved.put(m.name(), choice);
                    } else {
                      return Mono.error(
                          DomainException.badRequest(
                              "“"
                                  + m.name()
                                  + "”对应的单位代码“"
                                  + choice
                                  + "”不存在；可填已有单位代码、create（新建）或 skip（不分配）"));
                    }
                  }
                  if (!problems.isEmpty()) {
                    return Mono.error(
                        new DomainException(
                            HttpStatus.BAD_REQUEST,
                            "UNKNOWN_UNITS",
                            "以下单位没有对应的已有单位："
                                + String.join("、", problems)
                                + "。请为每个名称指定已有单位代码、create（新建）或 skip（不分配），未做任何修改"));
                  }
                  List<ItemUnits> items = new ArrayList<>();
                  for (var r : stored.responsibilities()) {
                    Long itemId = stored.itemIds().get(r.code());
                    ItemUnits units =
                        resolve(r.code(), r.responsibility(), stored.year(), resolved, skipped);
                    if (itemId != null && units.lead() != null) {
                      items.add(units);
                    }
                  }
                  int position = 1000 + known.size();
                  List<Mono<Void>> steps = new ArrayList<>();
                  for (Unit u : created) {
                    steps.add(repository.upsertUnit(u, position++));
                  }
                  List<String> assigned = new java.util.concurrent.CopyOnWriteArrayList<>();
                  for (ItemUnits i : items) {
                    long itemId = stored.itemIds().get(i.code());
                    steps.add(
                        repository.applyAssignment(
                            itemId, i.lead(), i.supports(), i.deadline(), i.leader()));
                    // the plan published to units: each lead unit owes a 签收 of what it newly leads
                    steps.add(
                        acknowledgements
                            .assign(itemId, i.lead())
                            .filter(fresh -> fresh)
                            .doOnNext(fresh -> assigned.add(i.code()))
                            .then());
                  }
                  return Flux.concat(steps)
                      .then(announceAfterCommit(stored.year(), assigned))
                      .then(Mono.just(new Adopted(stored, items, created)));
                });
    return tx.transactional(work);
  }

  /** Tells the lead units of the newly assigned items once the import has committed. */
  private Mono<Void> announceAfterCommit(int year, List<String> codes) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .doOnNext(
            sync ->
                sync.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public Mono<Void> afterCompletion(int status) {
                        return Mono.fromRunnable(
                            () -> {
                              if (status == STATUS_COMMITTED && !codes.isEmpty()) {
                                events.publishEvent(new ItemsAssigned(year, codes));
                              }
                            });
                      }
                    }))
        .then();
  }

  private static Map<String, NameMatch> matches(List<String> names, List<Unit> known) {
    UnitNames matcher = new UnitNames(known);
    Map<String, NameMatch> result = new LinkedHashMap<>();
    for (String name : names) {
      UnitNames.Match m = matcher.match(name);
      String unitName =
          m.unit() == null
              ? null
              : known.stream()
                  .filter(u -> u.code().equals(m.unit()))
                  .map(Unit::name)
                  .findFirst()
                  .orElse(null);
      result.put(name, new NameMatch(name, m.unit(), unitName, m.how().name(), m.candidates()));
    }
    return result;
  }

  private static void collect(
      List<PlanPreview.Node> nodes, int year, Map<String, NameMatch> names, List<ItemUnits> out) {
    for (PlanPreview.Node node : nodes) {
      if (node.responsibility() != null) {
        Map<String, String> known = new LinkedHashMap<>();
        names.values().forEach(n -> known.put(n.name(), n.unit()));
        out.add(resolve(node.code(), node.responsibility(), year, known, Set.of()));
      }
      collect(node.children(), year, names, out);
    }
  }

  /** The item's responsibility with names replaced by unit codes; unresolved names listed. */
  private static ItemUnits resolve(
      String code, Responsibility r, int year, Map<String, String> units, Set<String> skipped) {
    List<String> unknown = new ArrayList<>();
    String lead = null;
    List<String> supports = new ArrayList<>();
    for (String name : r.units()) {
      String unit = units.get(name);
      if (unit == null) {
        if (!skipped.contains(name)) {
          unknown.add(name);
        }
        continue;
      }
      if (lead == null) {
        // a skipped or unknown lead leaves the first known supporting unit to lead
        lead = unit;
      } else if (!unit.equals(lead) && !supports.contains(unit)) {
        supports.add(unit);
      }
    }
    return new ItemUnits(
        code,
        lead,
        supports,
        unknown,
        r.leader(),
        r.deadline(),
        DeadlineText.read(r.deadline(), year).orElse(null));
  }

  /** A unit under the written name, kind guessed from its ending, with the next free code. */
  private static Unit newUnit(String name, Set<String> codes) {
    int n = 1;
    while (codes.contains("unit-" + n)) {
      n++;
    }
    String code = "unit-" + n;
    codes.add(code);
    String plain = UnitNames.plain(name);
    UnitKind kind =
        plain.matches(".*(中心|院|所|站|馆|队|学校|医院)$") ? UnitKind.INSTITUTION : UnitKind.DEPARTMENT;
    return new Unit(code, name.strip(), kind);
  }
}
