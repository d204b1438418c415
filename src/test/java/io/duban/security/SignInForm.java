package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** Signs in through the dashboard's form as a browser does: fetch the form, post it with CSRF. */
public final class SignInForm {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private SignInForm() {}

  /** A session cookie value and the CSRF token of its pages. */
  public record Session(String id, String csrf) {}

  /** The answer to posting {@code fields} (plus a fresh session's CSRF token) to the form. */
  public static EntityExchangeResult<String> post(
      WebTestClient web, MultiValueMap<String, String> fields, String forwardedFor) {
    var login =
        web.get()
            .uri("/dashboard/login")
            .headers(h -> forwarded(h, forwardedFor))
            .exchange()
            .expectBody(String.class)
            .returnResult();
    String cookie = login.getResponseCookies().getFirst("SESSION").getValue();
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>(fields);
    form.add("_csrf", csrf(login.getResponseBody()));
    return web.post()
        .uri("/dashboard/login")
        .headers(h -> forwarded(h, forwardedFor))
        .cookie("SESSION", cookie)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(form))
        .exchange()
        .expectBody(String.class)
        .returnResult();
  }

  /** Signs in with a login and password; fails the test unless it lands on the board. */
  public static String password(WebTestClient web, String login, String password) {
    return landed(web, post(web, fields("login", login, "password", password), null));
  }

  /** Signs in with a service token; fails the test unless it lands on the board. */
  public static String token(WebTestClient web, String token) {
    return landed(web, post(web, fields("token", token), null));
  }

  /** The CSRF token on a page the session fetches. */
  public static String csrfOf(WebTestClient web, String session, String page) {
    return csrf(
        web.get()
            .uri(page)
            .cookie("SESSION", session)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody());
  }

  public static MultiValueMap<String, String> fields(String... pairs) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  public static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }

  private static String landed(WebTestClient web, EntityExchangeResult<String> result) {
    assertThat(result.getStatus().value()).as("sign-in answer").isEqualTo(302);
    assertThat(result.getResponseHeaders().getLocation()).hasToString("/dashboard");
    return result.getResponseCookies().getFirst("SESSION").getValue();
  }

  private static void forwarded(org.springframework.http.HttpHeaders headers, String client) {
    if (client != null) {
      headers.set("X-Forwarded-For", client);
    }
  }
}
