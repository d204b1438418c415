package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.security.ProxiedClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

@DubanSpringTest
class DashboardSecurityTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired WebTestClient web;

  @Value("${local.server.port}")
  int port;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void anonymousVisitorsAreSentToTheSignInFormAndAssetsAreOpen() {
    web.get()
        .uri("/dashboard")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard/login");
    web.get().uri("/dashboard/ledger.xlsx").exchange().expectStatus().is3xxRedirection();
    web.get().uri("/dashboard/assets/dashboard.css").exchange().expectStatus().isOk();
    web.get()
        .uri("/dashboard/login")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value("Content-Security-Policy", v -> assertThat(v).contains("default-src 'self'"))
        .expectHeader()
        .value("X-Frame-Options", v -> assertThat(v).isEqualTo("DENY"));
  }

  @Test
  void signInWithoutTheCsrfTokenIsRefused() {
    web.post()
        .uri("/dashboard/login")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("token", "test-leader-token"))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void leaderSessionReadsTheBoardButNotAdminPagesAndEndsAtLogout() {
    String session = signIn("test-leader-token");

    String board =
        web.get()
            .uri("/dashboard?week=2024-W23")
            .cookie("SESSION", session)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(board)
        .contains("年重点工作")
        .contains("2024年第23周（6月3日—6月9日）")
        .contains("截至 <span>2024年6月9日</span>")
        .doesNotContain(">2024-W23<")
        .contains("下载台账")
        .doesNotContain("责任分工导入");
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    assertThat(
            web.get()
                .uri("/dashboard")
                .cookie("SESSION", session)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .as("the current week's board is as of today, never a day to come")
        .contains("截至 <span>" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日</span>");
    web.get()
        .uri("/dashboard/admin/import")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard?denied");
    // the bearer API does not accept the session cookie
    web.get()
        .uri("/api/v1/ledger.xlsx?week=2024-W23")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isUnauthorized();

    web.post()
        .uri("/dashboard/logout")
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("_csrf", csrf(board)))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard/login?logout");
    web.get()
        .uri("/dashboard")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard/login");
  }

  @Test
  void adminSessionOpensTheImportPage() {
    String session = signIn("test-admin-token");
    web.get()
        .uri("/dashboard/admin/import")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("责任分工导入").contains("编号、牵头单位、配合单位、完成时限、序时进度"));
  }

  @Test
  void aWrongTokenGoesBackToTheFormWithAnError() {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String cookie = login.getResponseCookies().getFirst("SESSION").getValue();
    web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", cookie)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("token", "wrong-token-wrong-token")
                .with("_csrf", csrf(login.getResponseBody())))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard/login?error");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureOnlyWhenTheBrowserSpokeHttps() {
    var plain = web.get().uri("/dashboard/login").exchange().expectBody().returnResult();
    assertThat(sessionCookie(plain.getResponseHeaders()))
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax")
        .doesNotContain("Secure");
    assertThat(plain.getResponseHeaders().getFirst("Strict-Transport-Security")).isNull();

    // https as a trusted reverse proxy reports it: Secure cookie, HSTS
    var proxied =
        ProxiedClient.proxy(port)
            .get()
            .uri("/dashboard/login")
            .header("X-Forwarded-Proto", "https")
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(sessionCookie(proxied.getResponseHeaders()))
        .contains("Secure")
        .contains("SameSite=Lax");
    assertThat(proxied.getResponseHeaders().getFirst("Strict-Transport-Security"))
        .contains("max-age=");

    // the same claim from anyone else is ignored
    var claimed =
        web.get()
            .uri("/dashboard/login")
            .header("X-Forwarded-Proto", "https")
            .exchange()
            .expectBody()
            .returnResult();
    assertThat(sessionCookie(claimed.getResponseHeaders())).doesNotContain("Secure");
    assertThat(claimed.getResponseHeaders().getFirst("Strict-Transport-Security")).isNull();
  }

  @Test
  void afterFiveWrongTokensASourceIsRefusedForAWhileEvenWithTheRightToken() {
    WebTestClient proxy = ProxiedClient.proxy(port);
    String attacker = "198.51.100.7";
    var login =
        proxy
            .get()
            .uri("/dashboard/login")
            .header("X-Forwarded-For", attacker)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    String cookie = login.getResponseCookies().getFirst("SESSION").getValue();
    String csrf = csrf(login.getResponseBody());
    for (int i = 0; i < 5; i++) {
      proxy
          .post()
          .uri("/dashboard/login")
          .header("X-Forwarded-For", attacker)
          .cookie("SESSION", cookie)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(BodyInserters.fromFormData("token", "guess-number-" + i).with("_csrf", csrf))
          .exchange()
          .expectStatus()
          .is3xxRedirection()
          .expectHeader()
          .location("/dashboard/login?error");
    }
    proxy
        .post()
        .uri("/dashboard/login")
        .header("X-Forwarded-For", attacker)
        .cookie("SESSION", cookie)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("token", "test-leader-token").with("_csrf", csrf))
        .exchange()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L))
        .expectBody(String.class)
        .value(page -> assertThat(page).contains("登录失败次数过多，请 1 分钟后再试。"));

    // another address behind the same proxy is not affected
    var other =
        proxy
            .get()
            .uri("/dashboard/login")
            .header("X-Forwarded-For", "198.51.100.9")
            .exchange()
            .expectBody(String.class)
            .returnResult();
    proxy
        .post()
        .uri("/dashboard/login")
        .header("X-Forwarded-For", "198.51.100.9")
        .cookie("SESSION", other.getResponseCookies().getFirst("SESSION").getValue())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("token", "test-leader-token")
                .with("_csrf", csrf(other.getResponseBody())))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location("/dashboard");
  }

  @Test
  void theItemPageShowsFixedTextsForErrorCodesAndNeverTheLinksOwnWords() {
    String session = signIn("test-leader-token");
    String planted = "令牌已过期，请致电 400-000-0000 重新获取";
    web.get()
        .uri(
            b ->
                b.path("/dashboard/items/1.1")
                    .queryParam("error", "{text}")
                    .queryParam("week", "2024-W23")
                    .build(planted))
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            html -> assertThat(html).doesNotContain("400-000-0000").contains("操作未能完成，请刷新页面后重试。"));
    web.get()
        .uri("/dashboard/items/1.1?week=2024-W23&error=NOT_REPORTED_DONE")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("牵头单位尚未报告完成，不能办结。"));
  }

  private static String sessionCookie(HttpHeaders headers) {
    return headers.getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("SESSION="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + headers));
  }

  /** Signs in through the form and answers the new session id. */
  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String before = login.getResponseCookies().getFirst("SESSION").getValue();
    var result =
        web.post()
            .uri("/dashboard/login")
            .cookie("SESSION", before)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("token", token)
                    .with("_csrf", csrf(login.getResponseBody())))
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectHeader()
            .location("/dashboard")
            .expectBody()
            .returnResult();
    var renewed = result.getResponseCookies().getFirst("SESSION");
    assertThat(renewed).as("a new session id after sign-in").isNotNull();
    assertThat(renewed.getValue()).isNotEqualTo(before);
    return renewed.getValue();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }
}
