package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Units, their people and chats, and who is responsible for which plan item. */
@Service
public class UnitService {

  private final UnitRepository repository;
  private final PlanService plans;
  private final TransactionalOperator tx;

  UnitService(UnitRepository repository, PlanService plans, TransactionalOperator tx) {
    this.repository = repository;
    this.plans = plans;
    this.tx = tx;
  }

  public Flux<Unit> units() {
    return repository.units();
  }

  /**
   * The one unit a name as people write it means (its code, its name, or a form the plan import
   * would match: 市科技局 for 科技局), or empty when none or several fit.
   */
  public Mono<Unit> unitNamed(String name) {
    return unitNames().flatMap(names -> Mono.justOrEmpty(names.apply(name)));
  }

  /** {@link #unitNamed} for many names at once: the units as they are now, matched in memory. */
  public Mono<java.util.function.Function<String, java.util.Optional<Unit>>> unitNames() {
    return repository
        .units()
        .collectList()
        .map(
            all -> {
              UnitNames names = new UnitNames(all);
              return name -> {
                if (name == null || name.isBlank()) {
                  return java.util.Optional.empty();
                }
                String code = names.match(name).unit();
                return all.stream().filter(u -> u.code().equals(code)).findFirst();
              };
            });
  }

  public Mono<Unit> unit(String code) {
    return repository.unit(code);
  }

  public Mono<Contact> findContact(Platform platform, String platformUserId) {
    return repository.findContact(platform, platformUserId);
  }

  /**
   * The contact with this user id as it speaks in {@code chatId} through {@code botId} (a direct
   * chat with the bot when {@code direct}), with the sender organisation the message names (or
   * null); empty when no contact has the user id. See {@link Speaker} for when it is trusted.
   */
  public Mono<Speaker> speaker(
      Platform platform,
      String botId,
      String chatId,
      boolean direct,
      String platformUserId,
      String senderCorp) {
    return repository
        .speaker(platform, botId, chatId, platformUserId)
        .map(found -> found.judge(direct, senderCorp));
  }

  public Mono<Contact> contact(long id) {
    return repository.contact(id);
  }

  public Flux<Contact> contacts(String unitCode) {
    return repository.contacts(unitCode);
  }

  public Flux<Contact> allContacts() {
    return repository.contacts();
  }

  /** Contacts whose role is LEADER, in any unit. */
  public Flux<Contact> leaders() {
    return repository.contacts().filter(c -> c.role() == ContactRole.LEADER);
  }

  public Flux<GroupChat> groups(String unitCode) {
    return repository.groups().filter(g -> g.unitCode().equals(unitCode));
  }

  public Flux<GroupChat> allGroups() {
    return repository.groups();
  }

  /** The group chats of the leaders' group(s). */
  public Flux<GroupChat> leaderGroups() {
    return repository
        .units()
        .filter(u -> u.kind() == UnitKind.LEADERS)
        .map(Unit::code)
        .collectList()
        .flatMapMany(codes -> repository.groups().filter(g -> codes.contains(g.unitCode())));
  }

  /** Responsibilities for the items of the current plan. */
  public Flux<Assignment> assignments() {
    return repository.assignments();
  }

  /**
   * Responsibilities from memory, for the message path, which needs them for every message: a
   * change made here is seen at once, one made elsewhere once its NOTIFY is heard ({@link
   * Directory}).
   */
  public Flux<Assignment> recentAssignments() {
    return repository.recentAssignments();
  }

  /** Responsibilities for the items of {@code year}'s plan, the current one or an older one. */
  public Flux<Assignment> assignments(int year) {
    return repository.assignments(year);
  }

  /**
   * Units from memory, in the order of {@link #units()}: for pages that read all of them per
   * request (the board lists 2,000 in its filter); seen like {@link #recentAssignments()}.
   */
  public Flux<Unit> recentUnits() {
    return repository.recentUnits();
  }

  /**
   * Contacts from memory, in the order of {@link #allContacts()}; seen like {@link #recentUnits}.
   */
  public Flux<Contact> recentContacts() {
    return repository.recentContacts();
  }

  /** The responsibility for the current plan's item {@code itemCode}, or empty. */
  public Mono<Assignment> assignment(String itemCode) {
    return repository.assignments().filter(a -> a.itemCode().equals(itemCode)).next();
  }

  /**
   * Moves an item's deadline (an approved 延期); 404 when the item is unknown or has no assignment.
   * The caller records why.
   */
  public Mono<Void> changeDeadline(String itemCode, java.time.LocalDate deadline) {
    return plans
        .item(itemCode)
        .flatMap(item -> repository.setDeadline(item.id(), deadline))
        .flatMap(
            n ->
                n == 0
                    ? Mono.error(DomainException.notFound("事项 " + itemCode + " 尚未分工，无法调整时限"))
                    : Mono.<Void>empty());
  }

  Mono<Boolean> isEmpty() {
    return repository.countUnits().map(n -> n == 0);
  }

  /** Validates the whole document first, then stores it in one transaction. */
  Mono<Void> apply(UnitsDocument document) {
    return plans
        .items()
        .map(i -> i.code())
        .collect(java.util.stream.Collectors.toSet())
        .flatMap(
            items -> {
              List<String> problems = problems(document, items);
              if (!problems.isEmpty()) {
                return Mono.error(
                    new DomainException(
                        HttpStatus.BAD_REQUEST, "BAD_UNITS", String.join("; ", problems)));
              }
              return tx.transactional(store(document));
            });
  }

  private Mono<Void> store(UnitsDocument document) {
    List<Mono<Void>> steps = new ArrayList<>();
    int position = 0;
    for (UnitsDocument.UnitEntry u : document.units()) {
      steps.add(repository.upsertUnit(new Unit(u.code(), u.name(), u.kind()), position++));
    }
    for (UnitsDocument.UnitEntry u : document.units()) {
      steps.add(storeContacts(u));
      for (UnitsDocument.GroupEntry g : u.groups()) {
        steps.add(
            repository
                .insertGroup(
                    new GroupChat(0, u.code(), g.platform(), g.bot(), g.chatId(), g.name()))
                .then());
      }
    }
    for (UnitsDocument.AssignmentEntry a : document.assignments()) {
      steps.add(
          repository
              .currentItemId(a.item())
              .flatMap(id -> repository.replaceAssignment(id, a.toAssignment())));
    }
    return Flux.concat(steps).then();
  }

  private Mono<Void> storeContacts(UnitsDocument.UnitEntry unit) {
    return Flux.fromIterable(unit.contacts())
        .concatMap(
            c ->
                repository.insertContact(
                    new Contact(
                        0,
                        unit.code(),
                        c.name(),
                        c.platform(),
                        c.userId(),
                        c.role() == null ? ContactRole.CONTACT : c.role(),
                        c.leaveFrom(),
                        c.leaveUntil(),
                        null,
                        c.corpId())))
        .collectList()
        .flatMap(
            stored ->
                Flux.fromIterable(unit.contacts())
                    .filter(c -> c.deputy() != null)
                    .concatMap(
                        c -> {
                          Contact self = find(stored, c.userId());
                          Contact deputy = find(stored, c.deputy());
                          return repository.setDeputy(self.id(), deputy.id());
                        })
                    .then());
  }

  private static Contact find(List<Contact> contacts, String userId) {
    return contacts.stream()
        .filter(c -> c.platformUserId().equals(userId))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> problems(UnitsDocument document, Set<String> items) {
    List<String> problems = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    Set<String> users = new HashSet<>();
    for (UnitsDocument.UnitEntry u : document.units()) {
      if (u.code() == null || !u.code().matches("[a-z0-9][a-z0-9_-]*")) {
        problems.add("unit code '" + u.code() + "' must be lower-case letters, digits, - or _");
      } else if (!codes.add(u.code())) {
        problems.add("unit " + u.code() + " is listed twice");
      }
      if (u.name() == null || u.name().isBlank()) {
        problems.add("unit " + u.code() + " has no name");
      }
      if (u.kind() == null) {
        problems.add("unit " + u.code() + " has no kind (DEPARTMENT, INSTITUTION or LEADERS)");
      }
      Set<String> own = new HashSet<>();
      for (UnitsDocument.ContactEntry c : u.contacts()) {
        if (c.platform() == null
            || c.userId() == null
            || c.userId().isBlank()
            || c.name() == null) {
          problems.add("a contact of unit " + u.code() + " lacks name, platform or userId");
          continue;
        }
        own.add(c.userId());
        if (!users.add(c.platform() + ":" + c.userId())) {
          problems.add("contact " + c.platform() + ":" + c.userId() + " is listed twice");
        }
        if (c.leaveFrom() != null
            && c.leaveUntil() != null
            && c.leaveUntil().isBefore(c.leaveFrom())) {
          problems.add("contact " + c.userId() + " has leaveUntil before leaveFrom");
        }
      }
      for (UnitsDocument.ContactEntry c : u.contacts()) {
        if (c.deputy() != null && !own.contains(c.deputy())) {
          problems.add(
              "deputy " + c.deputy() + " of " + c.userId() + " is not a contact of " + u.code());
        }
      }
      for (UnitsDocument.GroupEntry g : u.groups()) {
        if (g.platform() == null || g.bot() == null || g.chatId() == null) {
          problems.add("a group chat of unit " + u.code() + " lacks platform, bot or chatId");
        }
      }
    }
    Set<String> assigned = new HashSet<>();
    for (UnitsDocument.AssignmentEntry a : document.assignments()) {
      if (!items.contains(a.item())) {
        problems.add("assignment for unknown plan item " + a.item());
      }
      if (!assigned.add(String.valueOf(a.item()))) {
        problems.add("plan item " + a.item() + " is assigned twice");
      }
      if (!codes.contains(a.lead())) {
        problems.add("item " + a.item() + ": unknown lead unit " + a.lead());
      }
      for (String s : a.support() == null ? List.<String>of() : a.support()) {
        if (!codes.contains(s)) {
          problems.add("item " + a.item() + ": unknown supporting unit " + s);
        }
      }
      for (Milestone m : a.milestones() == null ? List.<Milestone>of() : a.milestones()) {
        if (m.date() == null || m.percent() < 0 || m.percent() > 100) {
          problems.add("item " + a.item() + ": a milestone needs a date and a percent 0..100");
        }
      }
    }
    return problems;
  }
}
