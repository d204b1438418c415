package io.duban.security;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Public view of the API tokens for sign-in forms outside the bearer API (the dashboard): the same
 * registry, the same constant-time comparison, never the token values themselves.
 */
@Component
public class ApiTokens {

  private final TokenRegistry registry;

  ApiTokens(TokenRegistry registry) {
    this.registry = registry;
  }

  /** The role the token stands for, empty when the token is unknown. */
  public Optional<Role> roleOf(String token) {
    return find(token).map(SecurityProperties.NamedToken::role);
  }

  /** The name of the token's holder (for audit records), empty when the token is unknown. */
  public Optional<String> holderOf(String token) {
    return find(token).map(SecurityProperties.NamedToken::name);
  }

  private Optional<SecurityProperties.NamedToken> find(String token) {
    return token == null || token.isBlank() ? Optional.empty() : registry.find(token.strip());
  }
}
