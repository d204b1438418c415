package io.duban.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is behind a request: a person's account, or a configured service token. {@link #getName()} is
 * the audit name, so every {@code Authentication.getName()} and {@code Principal.getName()} the
 * features already record as "who" names the person ({@code 张三（zhangsan）}) or, for a service token,
 * the token's name. Serializable: it is kept in the shared session store.
 *
 * @param accountId the account, or null for a configured service token
 * @param login the account's login, or the service token's name
 * @param displayName the account's display name, or null for a service token
 */
public record SignedIn(Long accountId, String login, String displayName)
    implements AuthenticatedPrincipal, Serializable {

  @Serial private static final long serialVersionUID = 1L;

  @Override
  public String getName() {
    return displayName == null ? login : auditName(displayName, login);
  }

  static String auditName(String displayName, String login) {
    return displayName + "（" + login + "）";
  }

  /** The authenticated caller for {@code account}, with its roles as authorities. */
  static Authentication of(Account account) {
    return authentication(
        new SignedIn(account.id(), account.login(), account.displayName()),
        account.roles().stream().sorted().toList());
  }

  /** The authenticated caller for a configured service token. */
  static Authentication service(String tokenName, Role role) {
    return authentication(new SignedIn(null, tokenName, null), List.of(role));
  }

  private static Authentication authentication(SignedIn who, List<Role> roles) {
    return UsernamePasswordAuthenticationToken.authenticated(
        who, null, roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
  }
}
