package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.security.SignInForm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Sessions live in PostgreSQL: a person signs in on one instance and carries on on the other with
 * the same cookie, no sticky routing; signing out on the second ends the session on the first.
 */
class SharedSessionsTest {

  @Test
  void aPersonSignsInOnOneInstanceAndContinuesOnTheOtherUntilSigningOutThere() throws Exception {
    String database = TestDatabase.createAnother("sessions");
    try (ServiceProcess a = new ServiceProcess("sessions-a", database, List.of());
        ServiceProcess b = new ServiceProcess("sessions-b", database, List.of())) {
      a.start();
      b.start();
      WebTestClient toA = client(a);
      WebTestClient toB = client(b);
      toA.post()
          .uri("/api/v1/accounts")
          .header("Authorization", "Bearer process-admin-token")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              Map.of(
                  "login", "liu.juzhang",
                  "displayName", "刘局长",
                  "roles", List.of("LEADER"),
                  "password", "Liu-pass-2024"))
          .exchange()
          .expectStatus()
          .isCreated();

      String session = SignInForm.password(toA, "liu.juzhang", "Liu-pass-2024");
      String page =
          toB.get()
              .uri("/dashboard")
              .cookie("SESSION", session)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseBody();
      assertThat(page).contains("刘局长（liu.juzhang）");

      toB.post()
          .uri("/dashboard/logout")
          .cookie("SESSION", session)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(BodyInserters.fromFormData("_csrf", SignInForm.csrf(page)))
          .exchange()
          .expectStatus()
          .is3xxRedirection()
          .expectHeader()
          .location("/dashboard/login?logout");
      toA.get()
          .uri("/dashboard")
          .cookie("SESSION", session)
          .exchange()
          .expectStatus()
          .is3xxRedirection()
          .expectHeader()
          .location("/dashboard/login");
    }
  }

  private static WebTestClient client(ServiceProcess process) {
    return WebTestClient.bindToServer()
        .baseUrl(process.baseUrl())
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }
}
