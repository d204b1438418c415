package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * What each role may do: VIEWER reads only, LEADER also closes and reopens, SUPERVISOR also works
 * the review queue, ADMIN everything; on the dashboard and on the API.
 */
@DubanSpringTest
class RolesTest {

  @Autowired WebTestClient web;

  @Test
  void aViewerReadsTheBoardButMayNotCloseReviewOrConfigure() {
    String session = SignInForm.token(web, "test-viewer-token");
    web.get()
        .uri("/dashboard?week=2024-W23")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk();
    web.get()
        .uri("/dashboard/items/1.1?week=2024-W23")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            html ->
                assertThat(html).doesNotContain("id=\"close-form\"").doesNotContain("nav-review"));
    assertDenied(post(session, "/dashboard/items/1.1/close"));
    assertDenied(web.get().uri("/dashboard/review").cookie("SESSION", session).exchange());
    assertDenied(web.get().uri("/dashboard/admin/accounts").cookie("SESSION", session).exchange());
  }

  @Test
  void aLeaderMayCloseButNotReview() {
    String session = SignInForm.token(web, "test-leader-token");
    // the close itself is refused by the item's state (no report yet), not by the role
    post(session, "/dashboard/items/1.1/close")
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .value("Location", l -> assertThat(l).startsWith("/dashboard/items/1.1"));
    assertDenied(web.get().uri("/dashboard/review").cookie("SESSION", session).exchange());
  }

  @Test
  void aSupervisorWorksTheReviewQueueButMayNotClose() {
    String session = SignInForm.token(web, "test-supervisor-token");
    web.get().uri("/dashboard/review").cookie("SESSION", session).exchange().expectStatus().isOk();
    assertDenied(post(session, "/dashboard/items/1.1/close"));
    assertDenied(web.get().uri("/dashboard/admin/import").cookie("SESSION", session).exchange());
  }

  @Test
  void onTheApiEveryRoleReadsThePlanOnlySupervisorsAndAdminsTheReportsAndOnlyAdminsTheRest() {
    for (String token :
        new String[] {
          "test-viewer-token", "test-leader-token", "test-supervisor-token", "test-admin-token"
        }) {
      api(token, "/api/v1/plan/items").expectStatus().isOk();
    }
    api("test-viewer-token", "/api/v1/reports").expectStatus().isForbidden();
    api("test-leader-token", "/api/v1/reports").expectStatus().isForbidden();
    api("test-supervisor-token", "/api/v1/reports").expectStatus().isOk();
    api("test-supervisor-token", "/api/v1/accounts").expectStatus().isForbidden();
    api("test-leader-token", "/api/v1/accounts").expectStatus().isForbidden();
    api("test-admin-token", "/api/v1/accounts").expectStatus().isOk();
  }

  private WebTestClient.ResponseSpec api(String token, String path) {
    return web.get().uri(path).header("Authorization", "Bearer " + token).exchange();
  }

  private WebTestClient.ResponseSpec post(String session, String path) {
    String csrf = SignInForm.csrfOf(web, session, "/dashboard?week=2024-W23");
    return web.post()
        .uri(path)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("_csrf", csrf).with("note", ""))
        .exchange();
  }

  private static void assertDenied(WebTestClient.ResponseSpec response) {
    response.expectStatus().is3xxRedirection().expectHeader().location("/dashboard?denied");
  }
}
