package io.duban.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Random and broken requests to the upload routes (plan import, assignment and 交办清单 sheets, the
 * dashboard's import pages; with the ADMIN token, with a LEADER token and with no credentials at
 * all) and to the work-chat sign-in routes (start and callback of every platform, with random codes
 * and states, with and without a session). Answers the failures: any 5xx, and any request the
 * service closed without an answer, which leaves the caller knowing nothing.
 */
public final class UploadAndChatSignInFuzz {

  /** What a run saw. */
  public record Outcome(List<String> failures, Map<Integer, Integer> statuses, int resetUnread) {

    /** Every request answered or, refused unread, reset. */
    public int seen() {
      return statuses.values().stream().mapToInt(Integer::intValue).sum() + resetUnread;
    }
  }

  private static final List<String> UPLOADS =
      List.of(
          "/api/v1/plans/import",
          "/api/v1/assignments.xlsx",
          "/api/v1/tasks.xlsx",
          "/dashboard/admin/import",
          "/dashboard/admin/plan/preview",
          "/dashboard/tasks/preview");

  private static final List<String> FILE_NAMES =
      List.of("plan.docx", "plan.xlsx", "plan.pdf", "交办清单.xlsx", "a", "../../x.xlsx", "");

  private static final List<String> PLATFORMS =
      List.of("wecom", "dingtalk", "feishu", "WECOM", "nope", "..%2f", "%00");

  private UploadAndChatSignInFuzz() {}

  public static Outcome run(int port, int requests, long seed) {
    Random random = new Random(seed);
    // a connection of its own per request: a pooled connection the service closed after an early
    // answer would otherwise fail the next request, which is the pool's doing, not the service's
    WebClient web =
        WebClient.builder()
            .clientConnector(
                new ReactorClientHttpConnector(
                    HttpClient.create(ConnectionProvider.newConnection())))
            .baseUrl("http://127.0.0.1:" + port)
            .build();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Mono<String>> sends = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger resets =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < requests; i++) {
      boolean upload = random.nextBoolean();
      StringBuilder what = new StringBuilder();
      Mono<Integer> send = upload ? upload(web, random, what) : chatSignIn(web, port, random, what);
      String describe = "request " + i + " (" + what + ")";
      sends.add(
          send.doOnNext(s -> statuses.merge(s, 1, Integer::sum))
              .filter(s -> s >= 500)
              .map(s -> s + " for " + describe)
              .onErrorResume(
                  e ->
                      // an upload without credentials is refused before its body is read (the
                      // point of issue 16's finding 4), and the connection closed after the
                      // 401/403:
                      // a client still sending may then see the reset before the answer
                      describe.contains("anonymous")
                          ? Mono.fromRunnable(resets::incrementAndGet)
                          : Mono.just("no answer (" + e + ") for " + describe)));
    }
    List<String> failures =
        Flux.fromIterable(sends).flatMap(m -> m, 8).collectList().block(Duration.ofMinutes(10));
    return new Outcome(failures, statuses, resets.get());
  }

  private static Mono<Integer> upload(WebClient web, Random random, StringBuilder what) {
    String path = UPLOADS.get(random.nextInt(UPLOADS.size()));
    String boundary = "fuzz" + Long.toHexString(random.nextLong());
    byte[] body = multipart(random, boundary);
    String contentType =
        switch (random.nextInt(5)) {
          case 0 -> "multipart/form-data";
          case 1 -> "multipart/form-data; boundary=" + boundary + "x";
          default -> "multipart/form-data; boundary=" + boundary;
        };
    int credentials = random.nextInt(3);
    what.append("upload ")
        .append(path)
        .append(", ")
        .append(contentType)
        .append(", ")
        .append(body.length)
        .append(" bytes, ")
        .append(credentials == 0 ? "admin" : credentials == 1 ? "leader" : "anonymous");
    var request =
        web.post()
            .uri(path + (random.nextInt(4) == 0 ? "?preview=true" : ""))
            .header("Content-Type", contentType)
            .header("X-Forwarded-For", "192.0.2." + random.nextInt(200));
    switch (credentials) {
      case 0 -> request = request.header("Authorization", "Bearer test-admin-token");
      case 1 -> request = request.header("Authorization", "Bearer test-leader-token");
      default -> {}
    }
    if (random.nextBoolean()) {
      request = request.header("X-CSRF-TOKEN", Long.toHexString(random.nextLong()));
    }
    return request
        .bodyValue(body)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .timeout(Duration.ofSeconds(30));
  }

  /** A multipart body that is sometimes well formed, often not: truncated, many parts, junk. */
  private static byte[] multipart(Random random, String boundary) {
    StringBuilder text = new StringBuilder();
    int parts = random.nextInt(10) == 0 ? 200 + random.nextInt(300) : 1 + random.nextInt(3);
    for (int p = 0; p < parts; p++) {
      text.append("--").append(boundary).append("\r\n");
      String name = random.nextInt(5) == 0 ? "other" : "file";
      String file = FILE_NAMES.get(random.nextInt(FILE_NAMES.size()));
      text.append("Content-Disposition: form-data; name=\"").append(name).append('"');
      if (random.nextInt(4) > 0) {
        text.append("; filename=\"").append(file).append('"');
      }
      text.append("\r\n");
      if (random.nextBoolean()) {
        text.append("Content-Type: application/octet-stream\r\n");
      }
      if (random.nextInt(20) == 0) {
        text.append("X-Long: ").append("h".repeat(20_000)).append("\r\n");
      }
      text.append("\r\n");
      text.append(junk(random)).append("\r\n");
    }
    if (random.nextInt(4) > 0) {
      text.append("--").append(boundary).append("--\r\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (random.nextInt(5) == 0) {
      // cut anywhere: in a header, in a part, before the closing boundary
      return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }
    return bytes;
  }

  private static String junk(Random random) {
    return switch (random.nextInt(4)) {
      // the start of a zip (an .xlsx or .docx) and then nonsense
      case 0 -> "PK\u0003\u0004" + bytes(random, random.nextInt(400));
      case 1 -> "%PDF-1.7\n" + bytes(random, random.nextInt(400));
      case 2 -> "二、重点任务\n（一）" + "\u0000".repeat(random.nextInt(3)) + "x".repeat(random.nextInt(50));
      default -> bytes(random, random.nextInt(2_000));
    };
  }

  private static Mono<Integer> chatSignIn(
      WebClient web, int port, Random random, StringBuilder what) {
    String platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
    boolean callback = random.nextInt(4) > 0;
    StringBuilder uri = new StringBuilder("/sign-in/").append(platform);
    if (callback) {
      uri.append("/callback?");
      String[] names = {"code", "authCode", "state", "error", "appid", "tenant"};
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        uri.append(names[random.nextInt(names.length)])
            .append('=')
            .append(enc(nasty(random)))
            .append('&');
      }
    }
    what.append("chat sign-in ").append(uri, 0, Math.min(uri.length(), 80));
    var request =
        (random.nextInt(6) == 0 ? web.post() : web.get())
            .uri(java.net.URI.create("http://127.0.0.1:" + port + uri))
            .header("X-Forwarded-For", "192.0.2." + random.nextInt(200));
    if (random.nextBoolean()) {
      request = request.cookie("SESSION", Long.toHexString(random.nextLong()));
    }
    return request
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .timeout(Duration.ofSeconds(30));
  }

  private static String nasty(Random random) {
    String[] nasty = {
      "",
      "'; DROP TABLE account; --",
      "\u0000",
      "<script>alert(1)</script>",
      "x".repeat(3000),
      "%ZZ",
      "../../etc/passwd",
      "${jndi:ldap://127.0.0.1/a}"
    };
    return random.nextBoolean() ? nasty[random.nextInt(nasty.length)] : bytes(random, 40);
  }

  private static String bytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String enc(String s) {
    return UriUtils.encode(s, StandardCharsets.UTF_8);
  }
}
