package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The pages as a leader reads them over real HTTP, where the browser walks cannot run: the seeded
 * plan is small, so the board shows every item open as before (no part listing, no pager, a stray
 * {@code ?part=} changes nothing), and 报送情况 shows every unit on one page.
 */
@DubanSpringTest
class LeaderPagesTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired WebTestClient web;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void aSmallPlansBoardIsShownWholeAndParticipationOnOnePage() {
    String session = signIn("test-leader-token");

    String board = get(session, "/dashboard?week=2024-W23");
    String withPart = get(session, "/dashboard?week=2024-W23&part=1");

    assertThat(board)
        .contains("id=\"item-1.1\"")
        .contains("id=\"item-1.2\"")
        .doesNotContain("id=\"collapsed-note\"")
        .doesNotContain("id=\"part-pages\"");
    assertThat(withPart).contains("id=\"item-1.1\"").contains("id=\"item-4.1\"");

    String participation = get(session, "/dashboard/participation?week=2024-W23&page=7");
    assertThat(participation)
        .contains("id=\"participation\"")
        .doesNotContain("id=\"participation-pages\"");
  }

  private String get(String session, String uri) {
    return web.get()
        .uri(uri)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
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
