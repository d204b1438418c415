package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A bureau with more units than the board lists ({@code duban.board.unit-list-max}, three here):
 * the 单位 filter is a box to type a name in, with suggestions from {@code /dashboard/units}; a whole
 * name or a part only one unit has filters, a part several share offers them to choose from, text
 * no unit has filters nothing and says so.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
class BoardUnitSearchTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern ITEM = Pattern.compile("<article class=\"item\"[^>]* id=\"item-");
  private static final String LEAD_UNIT = "重大平台建设科";

  @Autowired WebTestClient web;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void theUnitFilterIsABoxWithSuggestionsWhenTheBureauHasManyUnits() {
    String session = signIn("test-leader-token");

    String board = get(session, "/dashboard?week=2024-W23");
    assertThat(board)
        .contains("type=\"search\" name=\"unit\" id=\"filter-unit\" list=\"filter-unit-names\"")
        .contains("<datalist id=\"filter-unit-names\"></datalist>")
        .contains("/dashboard/assets/board.js")
        .doesNotContain(">" + LEAD_UNIT + "</option>");
    int all = items(board);
    assertThat(all).isGreaterThan(4);

    // suggestions: the units whose name holds the text, those starting with it first
    List<Map<String, String>> ke = suggestions(session, "科");
    assertThat(ke).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(UnitFilter.CHOICES);
    assertThat(ke).allSatisfy(u -> assertThat(u.get("name")).contains("科"));
    assertThat(suggestions(session, "重大平台"))
        .extracting(u -> u.get("name"))
        .first()
        .isEqualTo(LEAD_UNIT);
    assertThat(suggestions(session, "没有这样的单位")).isEmpty();

    // a whole name filters, and the box shows it; so does a part only that unit has
    String byName = get(session, "/dashboard?week=2024-W23&unit=" + LEAD_UNIT);
    int ofUnit = items(byName);
    assertThat(ofUnit).isGreaterThanOrEqualTo(4).isLessThan(all);
    assertThat(byName)
        .contains("id=\"item-1.1\"")
        .contains("id=\"item-4.1\"")
        .contains("value=\"" + LEAD_UNIT + "\"")
        .doesNotContain("id=\"unit-choices\"")
        .doesNotContain("id=\"unit-unknown\"");
    String code = suggestions(session, LEAD_UNIT).get(0).get("code");
    assertThat(items(get(session, "/dashboard?week=2024-W23&unit=" + code))).isEqualTo(ofUnit);
    assertThat(items(board(session, " 重大平台建设 "))).isEqualTo(ofUnit);

    // a part several units share: every item, and the units to choose from, each a link
    String shared = get(session, "/dashboard?week=2024-W23&unit=科");
    assertThat(items(shared)).isEqualTo(all);
    assertThat(shared).contains("id=\"unit-choices\"").contains("unit=" + code);

    // no unit has it: every item and a notice, the text not repeated outside the box
    String unknown = get(session, "/dashboard?week=2024-W23&unit=请点击此链接领奖");
    assertThat(items(unknown)).isEqualTo(all);
    assertThat(unknown).contains("id=\"unit-unknown\"");
    assertThat(unknown.split("请点击此链接领奖", -1)).hasSize(2);

    // the suggestions are for signed-in readers only
    web.get()
        .uri("/dashboard/units?q=科")
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .value(s -> assertThat(s).isIn(302, 401, 403));
  }

  private static int items(String html) {
    Matcher m = ITEM.matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private List<Map<String, String>> suggestions(String session, String q) {
    return web.get()
        .uri(u -> u.path("/dashboard/units").queryParam("q", q).build())
        .cookie("SESSION", session)
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<List<Map<String, String>>>() {})
        .returnResult()
        .getResponseBody();
  }

  private String board(String session, String unit) {
    return web.get()
        .uri(
            u ->
                u.path("/dashboard")
                    .queryParam("week", "2024-W23")
                    .queryParam("unit", unit)
                    .build())
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
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
