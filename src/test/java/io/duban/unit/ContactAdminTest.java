package io.duban.unit;

import io.duban.DubanSpringTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class ContactAdminTest {

  @Autowired WebTestClient web;

  @Test
  void setsLeaveDatesAndADeputyOfTheSameUnitThenClearsThem() {
    long wu = id("wu.ting");
    long huang = id("huang.xiao");
    long guo = id("guo.ming");

    web.put()
        .uri("/api/v1/contacts/" + wu)
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(
            Map.of(
                "name",
                "吴婷",
                "leaveFrom",
                "2024-07-01",
                "leaveUntil",
                "2024-07-14",
                "deputyId",
                huang))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.leaveFrom")
        .isEqualTo("2024-07-01")
        .jsonPath("$.leaveUntil")
        .isEqualTo("2024-07-14")
        .jsonPath("$.deputyId")
        .isEqualTo(huang)
        .jsonPath("$.role")
        .isEqualTo("CONTACT");

    web.put()
        .uri("/api/v1/contacts/" + wu)
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "吴婷", "deputyId", guo))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("the deputy must be a contact of office");
    web.put()
        .uri("/api/v1/contacts/" + wu)
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(Map.of("name", "吴婷", "leaveFrom", "2024-07-14", "leaveUntil", "2024-07-01"))
        .exchange()
        .expectStatus()
        .isBadRequest();
    web.put()
        .uri("/api/v1/contacts/" + wu)
        .header("Authorization", "Bearer test-leader-token")
        .bodyValue(Map.of("name", "吴婷"))
        .exchange()
        .expectStatus()
        .isForbidden();

    Map<String, Object> clear = new HashMap<>();
    clear.put("name", "吴婷");
    web.put()
        .uri("/api/v1/contacts/" + wu)
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(clear)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.leaveFrom")
        .doesNotExist()
        .jsonPath("$.deputyId")
        .doesNotExist();
    web.put()
        .uri("/api/v1/contacts/999999")
        .header("Authorization", "Bearer test-admin-token")
        .bodyValue(clear)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private long id(String userId) {
    return lookup(userId);
  }

  private long lookup(String userId) {
    try (var c = io.duban.TestDatabase.connect();
        var s = c.prepareStatement("select id from contact where platform_user_id = ?")) {
      s.setString(1, userId);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
