package io.duban.unit;

import io.duban.DubanSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The plan read API: the current plan's items with their responsibilities. */
@DubanSpringTest
class PlanTreeApiTest {

  @Autowired WebTestClient web;

  @Test
  void servesTheElevenSeedLeavesWithTheirUnits() {
    web.get()
        .uri("/api/v1/plan/items")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2024)
        .jsonPath("$.items.length()")
        .isEqualTo(8)
        .jsonPath("$.items[0].code")
        .isEqualTo("1")
        .jsonPath("$.items[0].children[0].code")
        .isEqualTo("1.1")
        .jsonPath("$.items[0].children[0].title")
        .isEqualTo("加快科创园建设及创新资源集聚")
        .jsonPath("$.items[0].children[0].leadUnit")
        .isEqualTo("sci-park")
        .jsonPath("$.items[0].children[0].supportUnits[0]")
        .isEqualTo("planning")
        .jsonPath("$.items[0].children[0].supportUnits[1]")
        .isEqualTo("platforms")
        .jsonPath("$.items[1].code")
        .isEqualTo("2")
        .jsonPath("$.items[1].leaf")
        .isEqualTo(true)
        .jsonPath("$.items[1].leadUnit")
        .isEqualTo("finance")
        .jsonPath("$.items[3].children[0].title")
        .isEqualTo("推动“香港科创+中山制造”举措落实落细");
  }

  @Test
  void servesOneItemByCode() {
    web.get()
        .uri("/api/v1/plan/items/4.2")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("4.2")
        .jsonPath("$.title")
        .isEqualTo("推动深中科技创新一体化合作取得新突破")
        .jsonPath("$.leadUnit")
        .isEqualTo("cooperation")
        .jsonPath("$.deadline")
        .isEqualTo("2024-12-31");
  }

  @Test
  void answersUnknownAndMalformedCodesWithJsonErrors() {
    web.get()
        .uri("/api/v1/plan/items/9.9")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("NOT_FOUND")
        .jsonPath("$.message")
        .isEqualTo("没有编号为 9.9 的事项")
        .jsonPath("$.trace")
        .doesNotExist();
    web.get()
        .uri("/api/v1/plan/items/abc")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_REQUEST");
  }
}
