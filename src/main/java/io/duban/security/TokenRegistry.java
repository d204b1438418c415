package io.duban.security;

import io.duban.system.DatabaseProperties;
import io.duban.system.GeneratedSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Knows every valid API token and the role and name it stands for. */
@Component
class TokenRegistry {

  static final String GENERATED_ADMIN_TOKEN_FILE = "admin-token";
  private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);
  private static final int MIN_LENGTH = 16;

  private final List<SecurityProperties.NamedToken> tokens;

  @Autowired
  TokenRegistry(SecurityProperties properties, DatabaseProperties data) {
    this(properties, data.dataDir());
  }

  TokenRegistry(SecurityProperties properties, Path dataDir) {
    List<SecurityProperties.NamedToken> all = new ArrayList<>();
    add(all, new SecurityProperties.NamedToken("admin", properties.adminToken(), Role.ADMIN));
    add(all, new SecurityProperties.NamedToken("leader", properties.leaderToken(), Role.LEADER));
    properties.tokens().forEach(t -> add(all, t));
    if (all.stream().noneMatch(t -> t.role() == Role.ADMIN)) {
      // the only way in for an operator who set no token; the console is the log, so only the
      // file's path is written there, never the token
      GeneratedSecret generated =
          GeneratedSecret.readOrCreate(dataDir.resolve(GENERATED_ADMIN_TOKEN_FILE));
      all.add(new SecurityProperties.NamedToken("admin", generated.value(), Role.ADMIN));
      log.warn(
          "No ADMIN token configured; {} one in {} (readable by this OS user only; set"
              + " DUBAN_ADMIN_TOKEN to choose your own)",
          generated.created() ? "generated" : "using the generated",
          generated.file());
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
