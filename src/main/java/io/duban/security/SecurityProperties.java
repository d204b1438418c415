package io.duban.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API tokens and who is believed about the connection ({@code duban.security}). Tokens are secrets:
 * they are compared in constant time and never logged or returned.
 *
 * @param adminToken an ADMIN token (from {@code DUBAN_ADMIN_TOKEN}); when no ADMIN token is
 *     configured at all, one is generated into {@code <data dir>/admin-token} (mode 0600, kept for
 *     later starts) and only that file's path is logged
 * @param leaderToken a LEADER token (from {@code DUBAN_LEADER_TOKEN})
 * @param tokens further named tokens, each with its role
 * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}) of reverse proxies whose
 *     {@code X-Forwarded-*} / {@code Forwarded} headers are believed (scheme, host, client
 *     address); from anyone else those headers are dropped. Default none.
 * @param signIn back-off after failed sign-ins
 */
@ConfigurationProperties("duban.security")
public record SecurityProperties(
    String adminToken,
    String leaderToken,
    List<NamedToken> tokens,
    List<String> trustedProxies,
    SignIn signIn) {

  public SecurityProperties {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    signIn = signIn == null ? new SignIn(null, null, null, null) : signIn;
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

  /**
   * How wrong tokens and passwords are slowed down, per source address and per account: after
   * {@code maxFailures} failures, each further attempt is refused (429) until a lockout has passed,
   * and every failure after that doubles the lockout up to {@code maxLockout}. The counts are kept
   * in PostgreSQL for every instance ({@code sign_in_failure}).
   *
   * @param maxFailures failures a source may make before it is locked out
   * @param lockout the first lockout
   * @param maxLockout the longest lockout
   * @param forgetAfter a source or account without failures for this long starts afresh
   */
  public record SignIn(
      Integer maxFailures, Duration lockout, Duration maxLockout, Duration forgetAfter) {
    public SignIn {
      maxFailures = maxFailures == null ? 5 : maxFailures;
      lockout = lockout == null ? Duration.ofMinutes(1) : lockout;
      maxLockout = maxLockout == null ? Duration.ofHours(1) : maxLockout;
      forgetAfter = forgetAfter == null ? Duration.ofHours(1) : forgetAfter;
    }
  }

  @Override
  public String toString() {
    return "SecurityProperties[tokens=" + tokens + ", trustedProxies=" + trustedProxies + "]";
  }
}
