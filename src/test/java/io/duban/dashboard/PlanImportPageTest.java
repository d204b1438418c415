package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The admins' plan import page over real HTTP: paste a task table, see the tree, the unit matches
 * and the unknown names with their selects; a refusal names the line; a confirm without mapping
 * stores nothing; mapped, it imports. Year 2010 is this test's own.
 */
@DubanSpringTest
class PlanImportPageTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern DRAFT = Pattern.compile("name=\"draft\" value=\"([^\"]+)\"");
  private static final Pattern UNKNOWN = Pattern.compile("name=\"(name\\d+)\" value=\"([^\"]+)\"");

  private static final String TABLE =
      String.join(
          "\n",
          "某局2010年重点工作任务分解表",
          "",
          "序号\t工作任务\t牵头单位\t配合单位\t责任领导\t完成时限",
          "一、平台建设\t\t\t\t\t",
          "1\t建成中试验证平台2个。\t重大平台建设科\t局办公室、各镇街\t张副局长\t2010年9月底",
          "2\t新增省级重点实验室1家。\t从未见过的中心\t\t张副局长\t年底");

  @Autowired WebTestClient web;

  @Test
  void previewsAPastedTableMapsUnknownUnitsAndImports() throws Exception {
    String session = signIn("test-admin-token");
    String form = get(session, "/dashboard/admin/plan");
    assertThat(form).contains("计划导入", "id=\"upload-form\"", "id=\"nav-plan\"");

    String refused = preview(session, csrf(form), "某区科技局2010年工作计划\n（一）甲项\n（三）丙项\n");
    assertThat(refused).contains("未做任何修改", "第3行：这里是“（三）”，应为“（二）”");

    String page = preview(session, csrf(form), TABLE);
    assertThat(page)
        .contains("2010年", "某局2010年重点工作任务分解表")
        .contains("data-code=\"1.1\"", "建成中试验证平台2个")
        .contains("重大平台建设科（platforms）", "办公室（office），按名称规范化匹配")
        .contains("张副局长", "2010年9月底（2010-09-30）")
        .contains("确认导入");
    MultiValueMap<String, String> confirm = new LinkedMultiValueMap<>();
    confirm.add("_csrf", csrf(page));
    Matcher draft = DRAFT.matcher(page);
    assertThat(draft.find()).isTrue();
    confirm.add("draft", draft.group(1));
    confirm.add("year", "2010");
    confirm.add("title", "某局2010年重点工作任务（修正）");
    Matcher unknown = UNKNOWN.matcher(page);
    MultiValueMap<String, String> names = new LinkedMultiValueMap<>();
    while (unknown.find()) {
      names.add(unknown.group(1), unknown.group(2));
    }
    assertThat(names.values().stream().flatMap(v -> v.stream()).toList())
        .containsExactly("各镇街", "从未见过的中心");
    confirm.addAll(names);

    String unmapped = post(session, "/dashboard/admin/plan/confirm", confirm);
    assertThat(unmapped).contains("未做任何修改", "“各镇街”", "“从未见过的中心”", "id=\"confirm-form\"");
    assertThat(planTitle()).isNull();

    confirm.set("_csrf", csrf(unmapped));
    confirm.add("map0", "skip");
    confirm.add("map1", "create");
    String done = post(session, "/dashboard/admin/plan/confirm", confirm);
    assertThat(done).contains("已导入", "设置责任分工 <b>2</b> 项", "从未见过的中心（unit-");
    assertThat(planTitle()).isEqualTo("某局2010年重点工作任务（修正）");
  }

  private String preview(String session, String csrf, String text) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("text", text);
    body.part("year", "");
    // uploads carry the CSRF token in a header: the multipart body is never read for it
    return web.post()
        .uri("/dashboard/admin/plan/preview")
        .cookie("SESSION", session)
        .header("X-CSRF-TOKEN", csrf)
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private String post(String session, String path, MultiValueMap<String, String> form) {
    return web.post()
        .uri(path)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(form))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
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

  private static String planTitle() throws Exception {
    try (Connection c = TestDatabase.connect();
        ResultSet r =
            c.createStatement().executeQuery("select title from plan where year = 2010")) {
      return r.next() ? r.getString(1) : null;
    }
  }
}
