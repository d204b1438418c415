package io.duban.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API tokens ({@code duban.security}). Tokens are secrets: they are compared in constant time and
 * never logged or returned.
 *
 * @param adminToken an ADMIN token (from {@code DUBAN_ADMIN_TOKEN}); when no ADMIN token is
 *     configured at all, one is generated and printed once at start
 * @param leaderToken a LEADER token (from {@code DUBAN_LEADER_TOKEN})
 * @param tokens further named tokens, each with its role
 */
@ConfigurationProperties("duban.security")
public record SecurityProperties(String adminToken, String leaderToken, List<NamedToken> tokens) {

  public SecurityProperties {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  /**
   * One API token.
   *
   * @param name who holds it, for audit records
   * @param token the secret value
   * @param role ADMIN or LEADER
   */
  public record NamedToken(String name, String token, Role role) {
    @Override
    public String toString() {
      return "NamedToken[name=" + name + ", role=" + role + "]";
    }
  }

  @Override
  public String toString() {
    return "SecurityProperties[tokens=" + tokens + "]";
  }
}
