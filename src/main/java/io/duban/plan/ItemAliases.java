package io.duban.plan;

import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The aliases of the current plan's items: listed with their source, added and removed by admins,
 * learned from clarified reports. Every change is audited and, once committed, makes the indexes
 * over the items rebuild ({@link PlanCatalogueChanged}).
 */
@Service
public class ItemAliases {

  /** The longest alias, in characters. */
  public static final int MAX_LENGTH = AliasExtractor.MAX_LENGTH;

  private final PlanService plans;
  private final AliasRepository aliases;
  private final AdminAudit audit;
  private final TransactionalOperator tx;
  private final Clock clock;

  ItemAliases(
      PlanService plans,
      AliasRepository aliases,
      AdminAudit audit,
      TransactionalOperator tx,
      Clock clock) {
    this.plans = plans;
    this.aliases = aliases;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  /** The aliases of an item, oldest first; refused when the current plan has no such item. */
  public Flux<ItemAlias> list(String code) {
    return known(code).flatMapMany(item -> aliases.list(Map.of(item.id(), item.code())));
  }

  /** Every alias of the current plan, by item code. */
  public Mono<Map<String, List<ItemAlias>>> all() {
    return plans
        .items()
        .collectMap(PlanItem::id, PlanItem::code)
        .flatMapMany(aliases::list)
        .collect(Collectors.groupingBy(ItemAlias::itemCode));
  }

  /** Adds an admin's alias to a leaf; refused when empty, too long, or already in use. */
  public Mono<ItemAlias> add(String code, String alias) {
    String name = normalised(alias);
    Mono<ItemAlias> work =
        Mono.justOrEmpty(refusal(name))
            .flatMap(refused -> Mono.<PlanItem>error(refused))
            .switchIfEmpty(known(code))
            .flatMap(item -> refuseTaken(item, name).thenReturn(item))
            .flatMap(
                item ->
                    actor()
                        .flatMap(
                            by ->
                                aliases
                                    .insert(item.id(), name, AliasSource.ADMIN, by, clock.instant())
                                    .filter(Boolean::booleanValue)
                                    .switchIfEmpty(Mono.error(taken(name, item.code())))
                                    .then(audit.record("ALIAS_ADD", subject(item), name))
                                    .then(changed())
                                    .thenReturn(
                                        new ItemAlias(
                                            item.code(),
                                            name,
                                            AliasSource.ADMIN,
                                            by,
                                            clock.instant()))));
    return tx.transactional(work);
  }

  /** Removes an alias of whatever source; refused when the item has no such alias. */
  public Mono<Void> remove(String code, String alias) {
    String name = normalised(alias);
    Mono<Void> work =
        known(code)
            .flatMap(
                item ->
                    aliases
                        .delete(item.id(), name)
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(
                            Mono.error(
                                DomainException.notFound(
                                    "任务 " + item.code() + " 没有别名“" + name + "”")))
                        .then(audit.record("ALIAS_REMOVE", subject(item), name))
                        .then(changed()));
    return tx.transactional(work);
  }

  /**
   * Learns {@code alias} for a leaf from a report whose item the sender named when asked. Joins the
   * caller's transaction. Nothing is learned (false) when the alias is unusable, the item unknown,
   * or the alias already names this or another item.
   *
   * @param learnedFrom who taught it, e.g. the sender's platform and user id
   */
  public Mono<Boolean> learn(String code, String alias, String learnedFrom) {
    String name = normalised(alias);
    if (refusal(name) != null) {
      return Mono.just(false);
    }
    return plans
        .findItem(code)
        .filter(PlanItem::leaf)
        .filterWhen(item -> plans.items().all(i -> !i.aliases().contains(name)))
        .flatMap(
            item ->
                aliases
                    .insert(item.id(), name, AliasSource.LEARNED, learnedFrom, clock.instant())
                    .filter(Boolean::booleanValue)
                    .flatMap(
                        inserted ->
                            audit
                                .record(
                                    "ALIAS_LEARN", subject(item), name + "（" + learnedFrom + "）")
                                .then(changed())
                                .thenReturn(true)))
        .defaultIfEmpty(false);
  }

  /** The name of the signed-in caller, or {@code system} for the service itself. */
  static Mono<String> actor() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .map(Authentication::getName)
        .defaultIfEmpty("system");
  }

  private Mono<PlanItem> known(String code) {
    return plans
        .findItem(code == null ? "" : code.strip())
        .switchIfEmpty(
            Mono.error(
                new DomainException(
                    HttpStatus.NOT_FOUND, "NOT_FOUND", "当前计划没有编号为 " + code + " 的任务")))
        .flatMap(
            item ->
                item.leaf()
                    ? Mono.just(item)
                    : Mono.error(
                        DomainException.badRequest(
                            "任务 " + item.code() + " 下还有细分任务，别名应设在报送进展的末级任务上")));
  }

  private Mono<Void> refuseTaken(PlanItem item, String name) {
    return plans
        .items()
        .filter(i -> i.aliases().contains(name))
        .next()
        .flatMap(other -> Mono.<Void>error(taken(name, other.code())));
  }

  private static DomainException taken(String name, String code) {
    return new DomainException(
        HttpStatus.CONFLICT, "ALIAS_EXISTS", "“" + name + "”已是任务 " + code + " 的别名");
  }

  private static DomainException refusal(String name) {
    if (name.isEmpty()) {
      return DomainException.badRequest("别名不能为空");
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return DomainException.badRequest("别名最长 " + MAX_LENGTH + " 个字");
    }
    return null;
  }

  /** Whitespace of any kind becomes one space; control characters go. */
  private static String normalised(String alias) {
    if (alias == null) {
      return "";
    }
    return alias.replaceAll("\\p{Cntrl}", " ").replaceAll("[\\s\\u3000]+", " ").strip();
  }

  private static String subject(PlanItem item) {
    return "plan_item:" + item.code();
  }

  /**
   * Once the surrounding transaction commits (at once outside one), the catalogue is read again.
   */
  private Mono<Void> changed() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isSynchronizationActive)
        .map(
            manager -> {
              manager.registerSynchronization(
                  new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                      return plans.aliasesChanged();
                    }
                  });
              return true;
            })
        .onErrorResume(NoTransactionException.class, e -> Mono.just(false))
        .defaultIfEmpty(false)
        .flatMap(registered -> registered ? Mono.<Void>empty() : plans.aliasesChanged());
  }
}
