package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.security.SignInForm;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The admins' accounts pages: create an account with a form, give it a token whose secret is shown
 * that once, disable it; a refused form shows the fixed reason and creates nothing.
 */
@DubanSpringTest
class AccountPagesTest {

  private static final Pattern SECRET = Pattern.compile("id=\"token-secret\">(dbn_[^<]+)<");

  @Autowired WebTestClient web;

  @Test
  void anAdminCreatesAnAccountGivesItATokenAndDisablesIt() {
    String session = SignInForm.token(web, "test-admin-token");
    String csrf = SignInForm.csrfOf(web, session, AccountPagesController.PAGE);
    String login = "page-" + System.nanoTime() % 1_000_000;
    var created =
        web.post()
            .uri(AccountPagesController.PAGE)
            .cookie("SESSION", session)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("_csrf", csrf)
                    .with("login", login)
                    .with("displayName", "页面测试")
                    .with("roles", "VIEWER")
                    .with("roles", "SUPERVISOR")
                    .with("password", "Page-pass-2024"))
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    String page = created.getResponseHeaders().getLocation().toString();
    assertThat(page).endsWith("?done=created");
    String detail = page.substring(0, page.indexOf('?'));
    web.get()
        .uri(page)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("页面测试（" + login + "）").contains("已创建账号。"));

    String withSecret =
        web.post()
            .uri(detail + "/tokens")
            .cookie("SESSION", session)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("_csrf", csrf).with("name", "导出脚本"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Matcher m = SECRET.matcher(withSecret);
    assertThat(m.find()).as("the new secret is shown").isTrue();
    String secret = m.group(1);
    web.get()
        .uri("/api/v1/reports")
        .header("Authorization", "Bearer " + secret)
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri(detail)
        .cookie("SESSION", session)
        .exchange()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("导出脚本").doesNotContain(secret));

    web.post()
        .uri(detail + "/disable")
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("_csrf", csrf))
        .exchange()
        .expectStatus()
        .is3xxRedirection();
    web.get()
        .uri("/api/v1/reports")
        .header("Authorization", "Bearer " + secret)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aRefusedFormShowsTheReasonAndCreatesNothing() {
    String session = SignInForm.token(web, "test-admin-token");
    String csrf = SignInForm.csrfOf(web, session, AccountPagesController.PAGE);
    web.post()
        .uri(AccountPagesController.PAGE)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("_csrf", csrf)
                .with("login", "bad login")
                .with("displayName", "<b>某人</b>")
                .with("roles", "VIEWER"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("登录名只能由").doesNotContain("bad login</td>"));
  }
}
