package io.duban.security;

import io.duban.system.DomainException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Named accounts: people who sign in as themselves. This is the public entry point for other
 * features and for sign-in flows built outside this package (the work-chat OAuth logins):
 *
 * <ul>
 *   <li>{@link #findByChatIdentity} finds the account a verified chat identity is bound to;
 *   <li>{@link #signIn(ServerWebExchange, Account, String)} makes the browser of {@code exchange}
 *       signed in as that account on the dashboard: a fresh session id (so a planted one is
 *       worthless), the security context stored in the shared session store (any instance serves
 *       it), an audit row {@code account.sign-in} naming the person. The caller then redirects,
 *       e.g. to {@code /dashboard}.
 * </ul>
 *
 * Every change here is audited with the admin who made it; disabling an account or changing its
 * roles ends its sessions on every instance, so the change holds from the next request.
 */
@Component
public class Accounts {

  /** The platforms an identity can be bound on (the work chats that offer an OAuth web login). */
  public static final Set<String> PLATFORMS = Set.of("WECOM", "DINGTALK", "FEISHU");

  private static final WebSessionServerSecurityContextRepository CONTEXTS =
      new WebSessionServerSecurityContextRepository();

  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final AccountRepository repository;
  private final Passwords passwords;
  private final SessionRows sessions;
  private final AdminAudit audit;
  private final Clock clock;

  Accounts(
      AccountRepository repository,
      Passwords passwords,
      SessionRows sessions,
      AdminAudit audit,
      Clock clock) {
    this.repository = repository;
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The account bound to a chat identity the caller has verified with the platform (an OAuth code
   * exchanged for a user id), or empty when none is bound. A disabled account is returned too, so
   * the caller can say so; {@link #signIn} refuses it.
   *
   * @param platform {@code WECOM}, {@code DINGTALK} or {@code FEISHU} (case-insensitive)
   * @param corpId the organisation: WeCom CorpID, DingTalk corpId, Feishu tenant key
   * @param userId the user there: WeCom userid, DingTalk userid or unionId, Feishu open_id/user_id
   */
  public Mono<Account> findByChatIdentity(String platform, String corpId, String userId) {
    if (platform == null || corpId == null || userId == null) {
      return Mono.empty();
    }
    return repository
        .byIdentity(platform.strip().toUpperCase(Locale.ROOT), corpId.strip(), userId.strip())
        .map(AccountRepository.Stored::account);
  }

  /**
   * Signs the browser of {@code exchange} in as {@code account} (see the class comment). Fails with
   * {@link DomainException} {@code ACCOUNT_DISABLED} (403) when the account is disabled now,
   * re-read from the store, and {@code NOT_FOUND} when it no longer exists.
   *
   * @param via how the person proved who they are, for the audit row ({@code password}, {@code
   *     wecom}, {@code dingtalk}, {@code feishu})
   */
  public Mono<Void> signIn(ServerWebExchange exchange, Account account, String via) {
    return find(account.id())
        .flatMap(
            current ->
                current.disabled()
                    ? Mono.error(disabled())
                    : establish(exchange, SignedIn.of(current))
                        .then(
                            audit.recordAs(
                                current.auditName(), "account.sign-in", current.login(), via)));
  }

  /** A new session id, then the security context saved into the session. */
  static Mono<Void> establish(ServerWebExchange exchange, Authentication who) {
    return exchange
        .getSession()
        .flatMap(WebSession::changeSessionId)
        .then(CONTEXTS.save(exchange, new SecurityContextImpl(who)));
  }

  /** The account, or {@code NOT_FOUND}. */
  public Mono<Account> find(long id) {
    return repository
        .byId(id)
        .map(AccountRepository.Stored::account)
        .switchIfEmpty(Mono.error(DomainException.notFound("没有这个账号")));
  }

  public Flux<Account> list() {
    return repository.all();
  }

  /** Whether any account exists yet (before the first, the generated ADMIN token is the way in). */
  public Mono<Boolean> any() {
    return repository.count().map(n -> n > 0);
  }

  public Mono<Account> create(NewAccount form) {
    String login = form.login() == null ? "" : form.login().strip().toLowerCase(Locale.ROOT);
    if (!LOGIN.matcher(login).matches()) {
      return Mono.error(bad("BAD_LOGIN", "登录名只能由小写字母、数字和 . _ - 组成，最长 64 位"));
    }
    String name;
    try {
      name = displayName(form.displayName());
      roles(form.roles());
    } catch (DomainException e) {
      return Mono.error(e);
    }
    if (form.password() != null && Passwords.weakness(form.password()) != null) {
      return Mono.error(bad("WEAK_PASSWORD", Passwords.weakness(form.password())));
    }
    Mono<String> hash = form.password() == null ? Mono.just("") : passwords.hash(form.password());
    return hash.flatMap(
            h ->
                caller()
                    .flatMap(
                        by ->
                            repository.insert(
                                login,
                                name,
                                unit(form.unitCode()),
                                Role.text(form.roles()),
                                h.isEmpty() ? null : h,
                                clock.instant(),
                                by)))
        .onErrorMap(DataIntegrityViolationException.class, Accounts::conflict)
        .flatMap(this::find)
        .flatMap(a -> audited("account.create", a, "角色 " + Role.text(a.roles())));
  }

  public Mono<Account> setRoles(long id, Set<Role> roles) {
    try {
      roles(roles);
    } catch (DomainException e) {
      return Mono.error(e);
    }
    return changed(repository.setRoles(id, Role.text(roles)), id)
        .flatMap(a -> sessions.endAll(id).thenReturn(a))
        .flatMap(a -> audited("account.roles", a, Role.text(roles)));
  }

  public Mono<Account> setUnit(long id, String unitCode) {
    return changed(repository.setUnit(id, unit(unitCode)), id)
        .onErrorMap(DataIntegrityViolationException.class, Accounts::conflict)
        .flatMap(a -> audited("account.unit", a, a.unitCode() == null ? "无" : a.unitCode()));
  }

  public Mono<Account> setDisplayName(long id, String displayName) {
    String name;
    try {
      name = displayName(displayName);
    } catch (DomainException e) {
      return Mono.error(e);
    }
    return changed(repository.setDisplayName(id, name), id)
        .flatMap(a -> audited("account.rename", a, name));
  }

  /** Disables the account: it cannot sign in, its sessions end and its API tokens stop. */
  public Mono<Account> disable(long id) {
    return changed(repository.setDisabledAt(id, clock.instant()), id)
        .flatMap(a -> sessions.endAll(id).thenReturn(a))
        .flatMap(a -> audited("account.disable", a, ""));
  }

  public Mono<Account> enable(long id) {
    return changed(repository.setDisabledAt(id, null), id)
        .flatMap(a -> audited("account.enable", a, ""));
  }

  /** Sets a new password (the old one stops at once, and so do the account's sessions). */
  public Mono<Account> resetPassword(long id, String password) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      return Mono.error(bad("WEAK_PASSWORD", weakness));
    }
    return passwords
        .hash(password)
        .flatMap(h -> changed(repository.setPasswordHash(id, h), id))
        .flatMap(a -> sessions.endAll(id).thenReturn(a))
        .flatMap(a -> audited("account.password", a, "重置密码"));
  }

  public Flux<ChatIdentity> identities(long id) {
    return find(id).thenMany(repository.identities(id));
  }

  /** Binds a chat identity; one identity belongs to one account ({@code IDENTITY_TAKEN}). */
  public Mono<ChatIdentity> bind(long id, ChatIdentity identity) {
    ChatIdentity clean;
    try {
      clean = identity(identity);
    } catch (DomainException e) {
      return Mono.error(e);
    }
    return find(id)
        .flatMap(a -> repository.bind(id, clean, clock.instant()).thenReturn(a))
        .onErrorMap(
            DataIntegrityViolationException.class,
            e -> new DomainException(HttpStatus.CONFLICT, "IDENTITY_TAKEN", "该聊天账号已绑定到其他账号"))
        .flatMap(a -> audited("account.bind", a, describe(clean)))
        .thenReturn(clean);
  }

  public Mono<Void> unbind(long id, ChatIdentity identity) {
    ChatIdentity clean;
    try {
      clean = identity(identity);
    } catch (DomainException e) {
      return Mono.error(e);
    }
    return find(id)
        .flatMap(
            a ->
                repository
                    .unbind(id, clean)
                    .flatMap(
                        n ->
                            n == 0
                                ? Mono.error(DomainException.notFound("该账号没有绑定这个聊天账号"))
                                : audited("account.unbind", a, describe(clean))))
        .then();
  }

  /** The account behind a login with its password hash, for the password sign-in. */
  Mono<AccountRepository.Stored> byLogin(String login) {
    return repository.byLogin(login.strip().toLowerCase(Locale.ROOT));
  }

  private Mono<Account> changed(Mono<Long> update, long id) {
    return update.flatMap(n -> n == 0 ? Mono.error(DomainException.notFound("没有这个账号")) : find(id));
  }

  private Mono<Account> audited(String action, Account account, String detail) {
    return audit.record(action, account.login(), detail).thenReturn(account);
  }

  private static Mono<String> caller() {
    return org.springframework.security.core.context.ReactiveSecurityContextHolder.getContext()
        .mapNotNull(c -> c.getAuthentication())
        .map(Authentication::getName)
        .defaultIfEmpty("system");
  }

  static DomainException disabled() {
    return new DomainException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "该账号已停用，请联系管理员");
  }

  private static DomainException bad(String code, String message) {
    return new DomainException(HttpStatus.BAD_REQUEST, code, message);
  }

  private static Throwable conflict(DataIntegrityViolationException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("account_login")) {
      return new DomainException(HttpStatus.CONFLICT, "LOGIN_TAKEN", "登录名已被使用");
    }
    if (text.contains("unit_code")) {
      return bad("UNKNOWN_UNIT", "没有这个单位");
    }
    return bad("BAD_REQUEST", "账号信息不合要求");
  }

  private static String displayName(String text) {
    String name = text == null ? "" : text.strip();
    if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
      throw bad("BAD_NAME", "姓名不能为空，最长 64 个字符");
    }
    return name;
  }

  private static void roles(Set<Role> roles) {
    if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
      throw bad("BAD_ROLES", "请至少选择一个角色：ADMIN、LEADER、SUPERVISOR、VIEWER");
    }
  }

  private static String unit(String code) {
    return code == null || code.isBlank() ? null : code.strip();
  }

  private static ChatIdentity identity(ChatIdentity identity) {
    if (identity == null || identity.platform() == null) {
      throw bad("BAD_IDENTITY", "请填写平台（WECOM、DINGTALK、FEISHU）、企业 ID 和用户 ID");
    }
    String platform = identity.platform().strip().toUpperCase(Locale.ROOT);
    String corp = identity.corpId() == null ? "" : identity.corpId().strip();
    String user = identity.userId() == null ? "" : identity.userId().strip();
    if (!PLATFORMS.contains(platform)
        || corp.isEmpty()
        || user.isEmpty()
        || corp.length() > 256
        || user.length() > 256
        || (corp + user).chars().anyMatch(Character::isISOControl)) {
      throw bad("BAD_IDENTITY", "请填写平台（WECOM、DINGTALK、FEISHU）、企业 ID 和用户 ID");
    }
    return new ChatIdentity(platform, corp, user);
  }

  private static String describe(ChatIdentity identity) {
    return identity.platform() + " " + identity.corpId() + " " + identity.userId();
  }
}
