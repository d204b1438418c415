package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ReportFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/**
 * The accounts API (admins only): accounts without their hashes, per-account named tokens shown
 * once, used by hash, last-used written at most once a minute, revoked or stopped with their
 * account; and audit rows that name the person, closing audit included.
 */
@DubanSpringTest
class AccountApiTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;

  private JsonNode createAccount(String login, String role, String password) {
    return web.post()
        .uri("/api/v1/accounts")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            password == null
                ? Map.of("login", login, "displayName", "测试" + role, "roles", List.of(role))
                : Map.of(
                    "login",
                    login,
                    "displayName",
                    "测试" + role,
                    "roles",
                    List.of(role),
                    "password",
                    password))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void anAdminCreatesAnAccountAndNoAnswerCarriesAPasswordOrHash() {
    String login = AccountsTest.login("api");
    JsonNode created = createAccount(login, "VIEWER", "Api-pass-2024");
    assertThat(created.toString()).doesNotContain("Api-pass-2024").doesNotContain("bcrypt");
    assertThat(created.get("passwordSet").asBoolean()).isTrue();
    String list =
        admin("/api/v1/accounts")
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(list).contains(login).doesNotContain("bcrypt").doesNotContain("$2a$");
    assertThat(actorOf("account.create", login)).isEqualTo("admin");

    // bad input changes nothing and answers 400
    web.put()
        .uri("/api/v1/accounts/" + created.get("id").asLong() + "/roles")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"roles\":[\"KING\"]}")
        .exchange()
        .expectStatus()
        .isBadRequest();
    admin("/api/v1/accounts/999999999").expectStatus().isNotFound();
  }

  @Test
  void aPersonsTokenIsShownOnceWorksWithTheirRolesAndStopsWhenRevokedOrDisabled() {
    JsonNode account = createAccount(AccountsTest.login("tok"), "LEADER", null);
    long id = account.get("id").asLong();
    JsonNode created =
        web.post()
            .uri("/api/v1/accounts/" + id + "/tokens")
            .header("Authorization", "Bearer test-admin-token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "台账脚本"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    String secret = created.get("secret").asString();
    long tokenId = created.get("token").get("id").asLong();
    assertThat(secret).startsWith("dbn_").hasSizeGreaterThan(40);
    assertThat(
            admin("/api/v1/accounts/" + id + "/tokens")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("台账脚本")
        .doesNotContain(secret);
    assertThat(lastUsed(tokenId)).isNull();

    bearer(secret, "/api/v1/plan/items").expectStatus().isOk();
    bearer(secret, "/api/v1/accounts").expectStatus().isForbidden();
    Instant first = lastUsed(tokenId);
    assertThat(first).isNotNull();
    bearer(secret, "/api/v1/plan/items").expectStatus().isOk();
    assertThat(lastUsed(tokenId)).as("written at most once a minute").isEqualTo(first);

    web.delete()
        .uri("/api/v1/accounts/" + id + "/tokens/" + tokenId)
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isNoContent();
    bearer(secret, "/api/v1/plan/items").expectStatus().isUnauthorized();

    String second =
        web.post()
            .uri("/api/v1/accounts/" + id + "/tokens")
            .header("Authorization", "Bearer test-admin-token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "台账脚本"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody()
            .get("secret")
            .asString();
    bearer(second, "/api/v1/plan/items").expectStatus().isOk();
    web.post()
        .uri("/api/v1/accounts/" + id + "/disable")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk();
    bearer(second, "/api/v1/plan/items").expectStatus().isUnauthorized();
  }

  @Test
  void aLeaderAccountClosesAnItemAndTheClosingAuditNamesThem() {
    String login = AccountsTest.login("chen.juzhang");
    createAccount(login, "LEADER", "Chen-pass-2024");
    try (ReportFixture reports = new ReportFixture()) {
      reports.report(
          "1.3",
          "feng.xue",
          "DONE",
          100,
          "扩区方案已获批复，任务完成",
          "2024-W23",
          Instant.parse("2024-06-07T03:00:00Z"));
      String session = SignInForm.password(web, login, "Chen-pass-2024");
      String csrf = SignInForm.csrfOf(web, session, "/dashboard/items/1.3?week=2024-W23");
      web.post()
          .uri("/dashboard/items/1.3/close")
          .cookie("SESSION", session)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(BodyInserters.fromFormData("_csrf", csrf).with("note", "同意销号"))
          .exchange()
          .expectStatus()
          .is3xxRedirection()
          .expectHeader()
          .location("/dashboard/items/1.3?done=closed");
      String actor =
          db.sql("SELECT actor FROM item_closing_audit ORDER BY id DESC LIMIT 1")
              .map(r -> r.get(0, String.class))
              .one()
              .block(WAIT);
      assertThat(actor).isEqualTo("测试LEADER（" + login + "）");
    }
  }

  private WebTestClient.ResponseSpec admin(String path) {
    return bearer("test-admin-token", path);
  }

  private WebTestClient.ResponseSpec bearer(String token, String path) {
    return web.get().uri(path).header("Authorization", "Bearer " + token).exchange();
  }

  private String actorOf(String action, String subject) {
    return db.sql(
            "SELECT actor FROM admin_audit WHERE action = :a AND subject = :s ORDER BY id DESC"
                + " LIMIT 1")
        .bind("a", action)
        .bind("s", subject)
        .map(r -> r.get(0, String.class))
        .one()
        .block(WAIT);
  }

  private Instant lastUsed(long tokenId) {
    return db.sql("SELECT last_used_at FROM api_token WHERE id = :id")
        .bind("id", tokenId)
        .map(r -> java.util.Optional.ofNullable(r.get(0, Instant.class)))
        .one()
        .block(WAIT)
        .orElse(null);
  }
}
