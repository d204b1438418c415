package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Admins edit an item's aliases over HTTP: listed with their source (leaders may read), added and
 * removed (admins only), audited, refused in Chinese when bad, and read by the matcher at once.
 */
@DubanSpringTest
class AliasApiTest {

  private static final String ADMIN = "Bearer test-admin-token";
  private static final String LEADER = "Bearer test-leader-token";
  private static final String ALIASES = "/api/v1/plan/items/{code}/aliases";

  @Autowired WebTestClient web;

  @AfterEach
  void removeAdded() {
    web.delete()
        .uri(b -> b.path(ALIASES).queryParam("alias", "实验室评估").build("1.2"))
        .header("Authorization", ADMIN)
        .exchange();
  }

  @Test
  void listsTheImportedAliasesWithTheirSourceForLeaders() {
    web.get()
        .uri(ALIASES, "1.2")
        .header("Authorization", LEADER)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.alias == '药创院')].source")
        .isEqualTo("IMPORTED")
        .jsonPath("$[?(@.alias == '药创院')].itemCode")
        .isEqualTo("1.2");
  }

  @Test
  void anAdminAddsAndRemovesAnAliasAuditedAndTheMatcherUsesIt() throws Exception {
    String message = "实验室评估专家意见已反馈，进度80%";
    assertThat(previewedItem(message)).isNotEqualTo("1.2");
    long audited = audit("ALIAS_ADD") + audit("ALIAS_REMOVE");

    web.post()
        .uri(ALIASES, "1.2")
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("alias", "  实验室评估 "))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.alias")
        .isEqualTo("实验室评估")
        .jsonPath("$.source")
        .isEqualTo("ADMIN")
        .jsonPath("$.createdBy")
        .isEqualTo("admin");
    assertThat(previewedItem(message)).isEqualTo("1.2");
    web.get()
        .uri(ALIASES, "1.2")
        .header("Authorization", ADMIN)
        .exchange()
        .expectBody()
        .jsonPath("$[?(@.alias == '实验室评估')].source")
        .isEqualTo("ADMIN");

    web.delete()
        .uri(b -> b.path(ALIASES).queryParam("alias", "实验室评估").build("1.2"))
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isNoContent();
    assertThat(previewedItem(message)).isNotEqualTo("1.2");
    assertThat(audit("ALIAS_ADD") + audit("ALIAS_REMOVE")).isEqualTo(audited + 2);

    web.delete()
        .uri(b -> b.path(ALIASES).queryParam("alias", "实验室评估").build("1.2"))
        .header("Authorization", ADMIN)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("任务 1.2 没有别名“实验室评估”");
  }

  @Test
  void refusesBadAliasesInChineseAndChangesNothing() throws Exception {
    long before = count();
    refused("9.9", "某某", 404, "当前计划没有编号为 9.9 的任务");
    refused("1", "某某", 400, "任务 1 下还有细分任务，别名应设在报送进展的末级任务上");
    refused("1.2", "   ", 400, "别名不能为空");
    refused("1.2", "一二三四五六七八九十一二三四五六七八九十一", 400, "别名最长 20 个字");
    refused("1.2", "药创院", 409, "“药创院”已是任务 1.2 的别名");
    refused("1.1", "药创院", 409, "“药创院”已是任务 1.2 的别名");
    assertThat(count()).isEqualTo(before);

    web.post()
        .uri(ALIASES, "1.2")
        .header("Authorization", LEADER)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("alias", "某某"))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.delete()
        .uri(b -> b.path(ALIASES).queryParam("alias", "药创院").build("1.2"))
        .header("Authorization", LEADER)
        .exchange()
        .expectStatus()
        .isForbidden();
    assertThat(count()).isEqualTo(before);
  }

  private void refused(String code, String alias, int status, String text) {
    web.post()
        .uri(ALIASES, code)
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("alias", alias))
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo(text);
  }

  private String previewedItem(String text) {
    byte[] body =
        web.post()
            .uri("/api/v1/reports/preview")
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("text", text))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"itemCode\":\"([0-9.]+)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static long count() throws Exception {
    return scalar("select count(*) from plan_item_alias");
  }

  private static long audit(String action) throws Exception {
    return scalar("select count(*) from admin_audit where action = '" + action + "'");
  }

  private static long scalar(String sql) throws Exception {
    try (var c = TestDatabase.connect();
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
