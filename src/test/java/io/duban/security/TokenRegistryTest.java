package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenRegistryTest {

  @TempDir Path dataDir;

  @Test
  void aGeneratedAdminTokenIsKeptInTheDataDirectoryAndUsedAgainOnTheNextStart() throws Exception {
    SecurityProperties none = new SecurityProperties(null, null, List.of(), List.of(), null);
    TokenRegistry first = new TokenRegistry(none, dataDir);
    String token = Files.readString(dataDir.resolve("admin-token")).strip();
    assertThat(first.find(token)).map(SecurityProperties.NamedToken::role).contains(Role.ADMIN);

    TokenRegistry second = new TokenRegistry(none, dataDir);
    assertThat(second.find(token)).as("the same token after a restart").isPresent();
  }

  @Test
  void aConfiguredAdminTokenWritesNoFile() {
    new TokenRegistry(
        new SecurityProperties("configured-admin-token", null, List.of(), List.of(), null),
        dataDir);
    assertThat(dataDir.resolve("admin-token")).doesNotExist();
  }
}
