package io.duban.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Knows every valid API token and the role and name it stands for. */
@Component
class TokenRegistry {

  private static final int MIN_LENGTH = 16;

  private final List<SecurityProperties.NamedToken> tokens;

  TokenRegistry(SecurityProperties properties) {
    List<SecurityProperties.NamedToken> all = new ArrayList<>();
    add(all, new SecurityProperties.NamedToken("admin", properties.adminToken(), Role.ADMIN));
    add(all, new SecurityProperties.NamedToken("leader", properties.leaderToken(), Role.LEADER));
    properties.tokens().forEach(t -> add(all, t));
    if (all.stream().noneMatch(t -> t.role() == Role.ADMIN)) {
      String generated = generate();
      all.add(new SecurityProperties.NamedToken("admin", generated, Role.ADMIN));
      // Printed once, on purpose, to the console and not to the log: it is the only way an
      // operator who set no token can reach the admin API. It is not stored anywhere.
      System.out.println(
          "Duban: no ADMIN token configured; generated one for this run: "
              + generated
              + "  (set DUBAN_ADMIN_TOKEN to choose your own)");
    }
    this.tokens = List.copyOf(all);
  }

  private static void add(
      List<SecurityProperties.NamedToken> all, SecurityProperties.NamedToken token) {
    if (token.token() == null || token.token().isBlank()) {
      return;
    }
    if (token.token().length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "API token '" + token.name() + "' is shorter than " + MIN_LENGTH + " characters");
    }
    if (token.role() == null) {
      throw new IllegalStateException("API token '" + token.name() + "' has no role");
    }
    all.add(token);
  }

  private static String generate() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token's holder, compared in constant time against every known token. */
  Optional<SecurityProperties.NamedToken> find(String presented) {
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    SecurityProperties.NamedToken found = null;
    for (SecurityProperties.NamedToken token : tokens) {
      if (MessageDigest.isEqual(given, token.token().getBytes(StandardCharsets.UTF_8))) {
        found = token;
      }
    }
    return Optional.ofNullable(found);
  }
}
