package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class PlanApiTest {

  @Autowired WebTestClient web;

  @Test
  void refusesMissingWrongAndUnderprivilegedTokens() {
    web.get()
        .uri("/api/v1/plan/items")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("UNAUTHORIZED");
    web.get()
        .uri("/api/v1/plan/items")
        .header("Authorization", "Bearer not-a-known-token-at-all")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.post()
        .uri("/api/v1/plans/import")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("二、2031年工作计划\n（一）某项\n内容。")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void importsAnotherYearsPlanAndRefusesBrokenOnesWithoutStoringAnything() throws Exception {
    long before = countPlans();
    web.post()
        .uri("/api/v1/plans/import")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("二、2030年工作计划\n（一）甲项\n一是乙。\n（三）丙项\n内容。")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_PLAN_DOCUMENT")
        .jsonPath("$.message")
        .isEqualTo("第4行：这里是“（三）”，应为“（二）”");
    assertThat(countPlans()).isEqualTo(before);

    web.post()
        .uri("/api/v1/plans/import")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("2023年工作总结\n一、2023年工作情况\n很好。")
        .exchange()
        .expectStatus()
        .isBadRequest();
    assertThat(countPlans()).isEqualTo(before);

    // A refused revision of a stored year (here: a unit name nobody can map) changes nothing
    // either.
    web.post()
        .uri("/api/v1/plans/import?year=2024")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("某局2024年工作计划\n（一）甲项工作。\n牵头单位：从未有过的办\n（二）乙项工作。")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("UNKNOWN_UNITS");
    assertThat(countPlans()).isEqualTo(before);
  }

  static long countPlans() throws Exception {
    try (var c = TestDatabase.connect();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select (select count(*) from plan) + (select count(*) from plan_item)")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
