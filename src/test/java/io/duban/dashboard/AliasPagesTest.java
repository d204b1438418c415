package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The admins' alias page over real HTTP with a signed-in session: items with their aliases and
 * sources, adding and removing with CSRF, a refused alias shown in Chinese, and leaders kept out.
 */
@DubanSpringTest
class AliasPagesTest {

  private static final String PAGE = "/dashboard/admin/aliases";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired WebTestClient web;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void listsItemsWithTheirAliasesAndAddsAndRemovesOne() {
    String session = signIn("test-admin-token");
    String page = get(session, PAGE);
    assertThat(page).contains("任务别名", "加快推动重大科技创新平台建设", "药创院", "导入时识别");
    assertThat(page).contains("href=\"/dashboard/admin/aliases\"");

    post(session, PAGE + "/add", page, form("1.3", "健康基地扩园"))
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .location(PAGE + "?added=" + URLEncoder.encode("健康基地扩园", StandardCharsets.UTF_8));
    String added = get(session, PAGE + "?added=x");
    assertThat(between(added, "id=\"item-1.3\"", "</tr>")).contains("健康基地扩园", "管理员添加", "admin");

    post(session, PAGE + "/remove", added, form("1.3", "健康基地扩园")).expectStatus().is3xxRedirection();
    assertThat(between(get(session, PAGE), "id=\"item-1.3\"", "</tr>")).doesNotContain("健康基地扩园");
  }

  @Test
  void aRefusedAliasIsShownInChineseAndChangesNothing() {
    String session = signIn("test-admin-token");
    String page = get(session, PAGE);
    String html =
        post(session, PAGE + "/add", page, form("1.1", "药创院"))
            .expectStatus()
            .isEqualTo(409)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(between(html, "id=\"error\"", "</p>")).contains("“药创院”已是任务 1.2 的别名");
    assertThat(between(html, "id=\"item-1.1\"", "</tr>")).doesNotContain("药创院");
  }

  @Test
  void leadersDoNotSeeThePage() {
    String session = signIn("test-leader-token");
    web.get().uri(PAGE).cookie("SESSION", session).exchange().expectStatus().is3xxRedirection();
    assertThat(get(session, "/dashboard")).doesNotContain("/dashboard/admin/aliases");
  }

  private static MultiValueMap<String, String> form(String code, String alias) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("code", code);
    form.add("alias", alias);
    return form;
  }

  private static String between(String html, String from, String to) {
    int start = html.indexOf(from);
    assertThat(start).as("page has " + from).isNotNegative();
    int end = html.indexOf(to, start);
    return html.substring(start, end < 0 ? html.length() : end);
  }

  private String get(String session, String path) {
    return web.get()
        .uri(path)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private WebTestClient.ResponseSpec post(
      String session, String path, String page, MultiValueMap<String, String> form) {
    MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
    withToken.add("_csrf", csrf(page));
    return web.post()
        .uri(path)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(withToken))
        .exchange();
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    var result =
        web.post()
            .uri("/dashboard/login")
            .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("token", token)
                    .with("_csrf", csrf(login.getResponseBody())))
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    return result.getResponseCookies().getFirst("SESSION").getValue();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }
}
