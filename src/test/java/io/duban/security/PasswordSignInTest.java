package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * People sign in with their own login and password: a new session id, the audit row names them; a
 * wrong password or unknown login gets one fixed answer; a disabled account is refused; failures
 * lock the account even when they come from many addresses, and a source even across accounts.
 */
@DubanSpringTest
class PasswordSignInTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired WebTestClient web;
  @Autowired Accounts accounts;
  @Autowired DatabaseClient db;

  @Value("${local.server.port}")
  int port;

  private Account account(String stem, String password, Role... roles) {
    return accounts
        .create(
            new NewAccount(
                AccountsTest.login(stem), "用户" + stem, null, java.util.Set.of(roles), password))
        .block(WAIT);
  }

  @Test
  void aPersonSignsInWithTheirPasswordAndTheAuditRowNamesThem() {
    Account zhang = account("zhang", "Zhang-pass-2024", Role.LEADER);
    String session = SignInForm.password(web, zhang.login(), "Zhang-pass-2024");
    web.get()
        .uri("/dashboard?week=2024-W23")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("用户zhang（" + zhang.login() + "）"));
    assertThat(audit("account.sign-in", zhang.login()))
        .containsEntry("actor", "用户zhang（" + zhang.login() + "）")
        .containsEntry("detail", "password");
    // the login is not case-sensitive
    SignInForm.password(web, zhang.login().toUpperCase(), "Zhang-pass-2024");
  }

  @Test
  void aWrongPasswordAndAnUnknownLoginGetTheSameFixedAnswer() {
    Account li = account("li", "Li-pass-2024", Role.VIEWER);
    var wrong =
        SignInForm.post(web, SignInForm.fields("login", li.login(), "password", "nope-1234"), null);
    var unknown =
        SignInForm.post(web, SignInForm.fields("login", "no-such-person", "password", "x"), null);
    for (var r : java.util.List.of(wrong, unknown)) {
      assertThat(r.getStatus().value()).isEqualTo(302);
      assertThat(r.getResponseHeaders().getLocation()).hasToString("/dashboard/login?error");
    }
    web.get()
        .uri("/dashboard/login?error=你的账号已被冻结请拨打电话")
        .exchange()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("登录名、密码或令牌有误").doesNotContain("请拨打电话"));
  }

  @Test
  void aDisabledAccountIsRefusedEvenWithTheRightPasswordAndItsSessionsEnd() {
    Account wu = account("wu", "Wu-pass-2024", Role.LEADER);
    String session = SignInForm.password(web, wu.login(), "Wu-pass-2024");
    accounts.disable(wu.id()).block(WAIT);
    var refused =
        SignInForm.post(
            web, SignInForm.fields("login", wu.login(), "password", "Wu-pass-2024"), null);
    assertThat(refused.getResponseHeaders().getLocation()).hasToString("/dashboard/login?disabled");
    web.get()
        .uri("/dashboard/login?disabled")
        .exchange()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("该账号已停用"));
    web.get()
        .uri("/dashboard")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard/login");
    accounts.enable(wu.id()).block(WAIT);
    SignInForm.password(web, wu.login(), "Wu-pass-2024");
  }

  @Test
  void failuresFromManyAddressesLockTheAccountTheyAimAt() {
    Account chen = account("chen", "Chen-pass-2024", Role.ADMIN);
    WebTestClient proxy = ProxiedClient.proxy(port);
    for (int i = 0; i < 5; i++) {
      var r =
          SignInForm.post(
              proxy,
              SignInForm.fields("login", chen.login(), "password", "guess-" + i),
              "203.0.113." + (10 + i));
      assertThat(r.getResponseHeaders().getLocation()).hasToString("/dashboard/login?error");
    }
    var locked =
        SignInForm.post(
            proxy,
            SignInForm.fields("login", chen.login(), "password", "Chen-pass-2024"),
            "203.0.113.99");
    assertThat(locked.getStatus().value()).isEqualTo(429);
    assertThat(locked.getResponseBody()).contains("登录失败次数过多");
    // another account from that fresh address is not locked
    Account other = account("zhou", "Zhou-pass-2024", Role.VIEWER);
    var fine =
        SignInForm.post(
            proxy,
            SignInForm.fields("login", other.login(), "password", "Zhou-pass-2024"),
            "203.0.113.99");
    assertThat(fine.getStatus().value()).isEqualTo(302);
    assertThat(fine.getResponseHeaders().getLocation()).hasToString("/dashboard");
  }

  @Test
  void failuresFromOneAddressAcrossAccountsLockThatAddress() {
    WebTestClient proxy = ProxiedClient.proxy(port);
    String attacker = "198.51.100.77";
    for (int i = 0; i < 5; i++) {
      SignInForm.post(
          proxy, SignInForm.fields("login", "someone-" + i, "password", "guess-" + i), attacker);
    }
    Account sun = account("sun", "Sun-pass-2024", Role.VIEWER);
    var locked =
        SignInForm.post(
            proxy, SignInForm.fields("login", sun.login(), "password", "Sun-pass-2024"), attacker);
    assertThat(locked.getStatus().value()).isEqualTo(429);
  }

  private Map<String, Object> audit(String action, String subject) {
    return db.sql(
            "SELECT actor, detail FROM admin_audit WHERE action = :a AND subject = :s"
                + " ORDER BY id DESC LIMIT 1")
        .bind("a", action)
        .bind("s", subject)
        .fetch()
        .one()
        .block(WAIT);
  }
}
