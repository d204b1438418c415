package io.duban.security;

import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks the dashboard's sign-in form: a person's login and password, or a configured service token
 * (the first-run generated ADMIN token among them). Failures are counted per source address and,
 * for a password, per account ({@link SignInThrottle}); a locked-out source or account is refused
 * before any hashing, and after it even with the right password. Errors are fixed: {@link
 * BadCredentialsException} for anything wrong (which login exists is not told), {@link
 * DisabledException} for a disabled account whose password was right, {@link SignInRefused} for a
 * lockout.
 */
@Component
public class FormSignIn {

  private static final java.util.regex.Pattern LOGIN =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final Accounts accounts;
  private final Passwords passwords;
  private final TokenRegistry tokens;
  private final SignInThrottle throttle;
  private final AdminAudit audit;

  FormSignIn(
      Accounts accounts,
      Passwords passwords,
      TokenRegistry tokens,
      SignInThrottle throttle,
      AdminAudit audit) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.audit = audit;
  }

  /** The signed-in caller the form proves, or one of the errors above. */
  public Mono<Authentication> check(MultiValueMap<String, String> form, String source) {
    String login = text(form.getFirst("login"));
    if (!login.isEmpty()) {
      return password(login.toLowerCase(java.util.Locale.ROOT), form.getFirst("password"), source);
    }
    String token = text(form.getFirst("token"));
    if (token.isEmpty()) {
      return Mono.error(new BadCredentialsException("empty form"));
    }
    var holder = tokens.find(token);
    return throttle
        .token(source, holder.isPresent())
        .then(
            Mono.defer(
                () ->
                    holder
                        .map(h -> Mono.<Authentication>just(SignedIn.service(h.name(), h.role())))
                        .orElseGet(
                            () -> Mono.error(new BadCredentialsException("unknown token")))));
  }

  /**
   * Records a successful sign-in under the person's audit name (called once the session exists).
   */
  public Mono<Void> audited(Authentication who, ServerWebExchange exchange) {
    String via =
        who.getPrincipal() instanceof SignedIn s && s.accountId() != null ? "password" : "token";
    String subject =
        who.getPrincipal() instanceof SignedIn s ? s.login() : String.valueOf(who.getName());
    return audit.recordAs(who.getName(), "account.sign-in", subject, via);
  }

  private Mono<Authentication> password(String login, String password, String source) {
    String typed = password == null ? "" : password;
    // a text no login can be (NUL, spaces, too long) is looked up nowhere, yet costs a hash
    Mono<AccountRepository.Stored> found =
        LOGIN.matcher(login).matches() ? accounts.byLogin(login) : Mono.empty();
    return throttle
        .beforePassword(source, login)
        .then(Mono.defer(() -> found.map(Optional::of).defaultIfEmpty(Optional.empty())))
        .flatMap(
            stored ->
                passwords
                    .matches(typed, stored.map(AccountRepository.Stored::passwordHash).orElse(null))
                    .flatMap(matched -> decide(stored, matched, source, login)));
  }

  private Mono<Authentication> decide(
      Optional<AccountRepository.Stored> stored, boolean matched, String source, String login) {
    // both keys are counted, whichever refuses; a right password of a disabled account counts as
    // right (it is no guess), and is refused as disabled
    return throttle
        .password(source, login, matched)
        .then(
            Mono.defer(
                () -> {
                  if (!matched || stored.isEmpty()) {
                    return Mono.error(new BadCredentialsException("wrong login or password"));
                  }
                  Account account = stored.get().account();
                  if (account.disabled()) {
                    return Mono.error(new DisabledException("account disabled"));
                  }
                  return Mono.just(SignedIn.of(account));
                }));
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
