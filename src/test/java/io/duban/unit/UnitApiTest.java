package io.duban.unit;

import io.duban.DubanSpringTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class UnitApiTest {

  @Autowired WebTestClient web;

  @Test
  void listsTheExampleUnitsWithWhatTheyLead() {
    web.get()
        .uri("/api/v1/units/cooperation")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("区域科技合作科")
        .jsonPath("$.leads[0]")
        .isEqualTo("4.1")
        .jsonPath("$.leads[1]")
        .isEqualTo("4.2")
        .jsonPath("$.contacts[0].platformUserId")
        .isEqualTo("guo.ming");
    web.get()
        .uri("/api/v1/units")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].kind")
        .isEqualTo("LEADERS");
  }

  @Test
  void adminChangesAreStoredAndBadOnesRefused() {
    web.put()
        .uri("/api/v1/units/audit-office")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "审计科", "kind", "DEPARTMENT"))
        .exchange()
        .expectStatus()
        .isOk();
    web.post()
        .uri("/api/v1/units/audit-office/contacts")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "钱多", "platform", "WECOM", "userId", "qian.duo"))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.role")
        .isEqualTo("CONTACT");
    web.put()
        .uri("/api/v1/assignments/7")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(
            Map.of(
                "lead",
                "planning",
                "support",
                java.util.List.of("audit-office"),
                "deadline",
                "2024-12-20",
                "leader",
                "张副局长",
                "owner",
                "林志强"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.supportUnits[0]")
        .isEqualTo("audit-office")
        .jsonPath("$.leader")
        .isEqualTo("张副局长")
        .jsonPath("$.owner")
        .isEqualTo("林志强");
    web.put()
        .uri("/api/v1/assignments/7")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("lead", "planning", "leader", "长".repeat(101)))
        .exchange()
        .expectStatus()
        .isBadRequest();

    web.put()
        .uri("/api/v1/assignments/7")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("lead", "no-such-unit"))
        .exchange()
        .expectStatus()
        .isNotFound();
    web.put()
        .uri("/api/v1/units/audit-office")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "审计科"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("kind: must not be null");
    web.put()
        .uri("/api/v1/units/audit-office")
        .header("Authorization", "Bearer test-leader-token")
        .bodyValue(Map.of("name", "审计科", "kind", "DEPARTMENT"))
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get()
        .uri("/api/v1/plan/items/7")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectBody()
        .jsonPath("$.leadUnit")
        .isEqualTo("planning")
        .jsonPath("$.deadline")
        .isEqualTo("2024-12-20")
        .jsonPath("$.leader")
        .isEqualTo("张副局长")
        .jsonPath("$.owner")
        .isEqualTo("林志强");
  }
}
