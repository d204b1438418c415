package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint the OpenAPI description lists is checked: without a token 401, with a LEADER token
 * 403 unless it is one leaders may read, and random bodies with an ADMIN token never 5xx. New
 * endpoints are covered as soon as they exist.
 */
@DubanSpringTest
class AdminApiAccessTest {

  private static final List<String> LEADER_READABLE =
      List.of("/api/v1/plan/", "/api/v1/units", "/api/v1/ledger", "/api/v1/dashboard/");

  @Autowired WebTestClient web;

  @Value("${local.server.port}")
  int port;

  @Test
  void everyEndpointRefusesMissingTokensAndLeadersWhereAdminIsNeeded() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(8);
    for (Endpoint e : endpoints) {
      web.method(e.method())
          .uri(e.path())
          .exchange()
          .expectStatus()
          .value(status -> assertThat(status).as("no token: " + e).isEqualTo(401));
      // leaders read, and file 交办事项 (the 通报 too, which is GET)
      boolean leaderMay =
          (e.method() == HttpMethod.GET
                  && (LEADER_READABLE.stream().anyMatch(e.path()::startsWith)
                      || e.path().startsWith("/api/v1/bulletin")))
              || (e.method() == HttpMethod.POST
                  && e.path().startsWith("/api/v1/tasks")
                  // 复核 is the 督查 office's
                  && !e.path().endsWith("/review"));
      web.method(e.method())
          .uri(e.path())
          .header("Authorization", "Bearer test-leader-token")
          .exchange()
          .expectStatus()
          .value(
              status -> {
                if (leaderMay) {
                  assertThat(status).as("leader: " + e).isNotIn(401, 403);
                } else {
                  assertThat(status).as("leader: " + e).isEqualTo(403);
                }
              });
    }
  }

  @Test
  void randomBodiesToAdminEndpointsNeverCause5xx() {
    long seed = System.nanoTime();
    System.out.println("AdminApiAccessTest seed: " + seed);
    Random random = new Random(seed);
    WebClient client = WebClient.builder().baseUrl("http://localhost:" + port).build();
    List<String> failures = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      if (e.method() == HttpMethod.GET
          || e.method() == HttpMethod.DELETE
          || e.path().contains("/run")) {
        continue;
      }
      for (int i = 0; i < 40; i++) {
        byte[] body = body(random);
        String type = random.nextBoolean() ? "application/json" : "text/plain";
        Integer status;
        try {
          status =
              client
                  .method(e.method())
                  .uri(e.path())
                  .header("Authorization", "Bearer test-admin-token")
                  .header("Content-Type", type)
                  .bodyValue(body)
                  .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                  .block(Duration.ofSeconds(30));
        } catch (RuntimeException unanswered) {
          // a connection closed without an answer is as wrong as a 5xx: the caller learns nothing
          failures.add("no answer (" + unanswered.getMessage() + ") " + e + " " + type);
          continue;
        }
        if (status == null || status >= 500) {
          failures.add(status + " " + e + " body " + new String(body, StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static byte[] body(Random random) {
    String[] shapes = {
      "{}",
      "[]",
      "null",
      "{\"name\":null}",
      "{\"kind\":\"NOPE\",\"name\":\"x\"}",
      "{\"lead\":\"'; drop table unit; --\"}",
      "{\"cron\":\"* * * * * ? *\",\"kind\":\"DIGEST\"}",
      "{\"deadline\":\"2024-13-45\",\"lead\":\"office\"}",
      "[".repeat(5000),
      "{\"percent\":1e309}",
      "\u0000\u0001",
      "二、2030年工作计划\n（二）错号"
    };
    if (random.nextBoolean()) {
      return shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static List<Endpoint> cached;

  private synchronized List<Endpoint> endpoints() {
    if (cached == null) {
      cached = readEndpoints();
    }
    return cached;
  }

  private List<Endpoint> readEndpoints() {
    byte[] json =
        web.mutate()
            .responseTimeout(Duration.ofSeconds(60))
            .build()
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    JsonNode paths = JsonMapper.builder().build().readTree(json).get("paths");
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
        endpoints.add(new Endpoint(HttpMethod.valueOf(op.getKey().toUpperCase()), concrete));
      }
    }
    return endpoints;
  }

  private record Endpoint(HttpMethod method, String path) {}
}
