package io.duban.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Random and broken requests to the password sign-in form (with and without a valid CSRF token,
 * from many forwarded client addresses) and to the accounts API (broken bodies, unknown or absurd
 * ids, nasty text) with the ADMIN token. Answers the failures (any 5xx) and the statuses seen; the
 * caller checks that nothing was stored.
 */
public final class SignInAndAccountFuzz {

  /** What a run saw. */
  public record Outcome(List<String> failures, Map<Integer, Integer> statuses) {}

  private static final List<String> NASTY =
      List.of(
          "'; DROP TABLE account; --",
          "admin' OR '1'='1",
          "%00",
          "\u0000",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/a}",
          "\u202e\uffff",
          "null",
          "-1",
          "99999999999999999999999",
          "Bad Login!",
          "x".repeat(5000));

  private static final List<String> ACCOUNT_PATHS =
      List.of(
          "/api/v1/accounts",
          "/api/v1/accounts/999999999",
          "/api/v1/accounts/999999999/roles",
          "/api/v1/accounts/999999999/unit",
          "/api/v1/accounts/999999999/name",
          "/api/v1/accounts/999999999/disable",
          "/api/v1/accounts/999999999/enable",
          "/api/v1/accounts/999999999/password",
          "/api/v1/accounts/999999999/identities",
          "/api/v1/accounts/999999999/tokens",
          "/api/v1/accounts/999999999/tokens/1",
          "/api/v1/accounts/abc/roles",
          "/api/v1/accounts/-1/tokens",
          "/api/v1/accounts/99999999999999999999/disable");

  private SignInAndAccountFuzz() {}

  public static Outcome run(int port, int requests, long seed) {
    Random random = new Random(seed);
    WebClient proxy =
        WebClient.builder()
            .clientConnector(
                new ReactorClientHttpConnector(
                    // a connection per request: a pooled one the service closed after an early
                    // refusal (a body it did not read) would fail the next request
                    HttpClient.create(ConnectionProvider.newConnection())
                        .bindAddress(() -> new InetSocketAddress(ProxiedClient.PROXY, 0))))
            .baseUrl("http://127.0.0.1:" + port)
            .build();
    // one session with its CSRF token, so some sign-ins pass the CSRF check and reach the checker
    var page =
        proxy
            .get()
            .uri("/dashboard/login")
            .exchangeToMono(
                r ->
                    r.bodyToMono(String.class)
                        .map(
                            body ->
                                new String[] {
                                  r.cookies().getFirst("SESSION").getValue(), SignInForm.csrf(body)
                                }))
            .block(Duration.ofSeconds(30));
    List<Mono<String>> sends = new ArrayList<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    for (int i = 0; i < requests; i++) {
      Mono<Integer> send =
          random.nextBoolean() ? signIn(proxy, random, page) : account(proxy, random);
      String describe = "request " + i;
      sends.add(
          send.doOnNext(s -> statuses.merge(s, 1, Integer::sum))
              .filter(s -> s >= 500)
              .map(s -> s + " for " + describe));
    }
    List<String> failures =
        Flux.fromIterable(sends).flatMap(m -> m, 8).collectList().block(Duration.ofMinutes(10));
    return new Outcome(failures, statuses);
  }

  private static Mono<Integer> signIn(WebClient web, Random random, String[] page) {
    StringBuilder form = new StringBuilder();
    if (random.nextInt(3) > 0) {
      form.append("_csrf=").append(random.nextInt(4) == 0 ? enc(nasty(random)) : page[1]);
    }
    form.append(random.nextBoolean() ? "&login=" : "&token=").append(enc(nasty(random)));
    form.append("&password=").append(enc(nasty(random)));
    if (random.nextInt(6) == 0) {
      form.append("&login=").append(enc(nasty(random)));
    }
    byte[] body =
        random.nextInt(10) == 0
            ? randomBytes(random, random.nextInt(300))
            : form.toString().getBytes(StandardCharsets.UTF_8);
    return web.post()
        .uri("/dashboard/login")
        .header("X-Forwarded-For", "192.0.2." + random.nextInt(40))
        .header(
            "Content-Type",
            random.nextInt(8) == 0
                ? "multipart/form-data; boundary=fuzz" + random.nextInt(3)
                : "application/x-www-form-urlencoded")
        .cookie("SESSION", page[0])
        .bodyValue(body)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .timeout(Duration.ofSeconds(30));
  }

  private static Mono<Integer> account(WebClient web, Random random) {
    String path = ACCOUNT_PATHS.get(random.nextInt(ACCOUNT_PATHS.size()));
    HttpMethod method =
        List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)
            .get(random.nextInt(4));
    String body =
        switch (random.nextInt(6)) {
          // never a valid account: the login always breaks the rules
          case 0 ->
              "{\"login\":\"Bad Login "
                  + random.nextInt()
                  + "\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"]}";
          case 1 -> "{\"roles\":[\"" + json(nasty(random)) + "\"]}";
          case 2 -> "{\"password\":\"" + json(nasty(random)) + "\"}";
          case 3 ->
              "{\"platform\":\""
                  + json(nasty(random))
                  + "\",\"corpId\":\"\",\"userId\":\""
                  + json(nasty(random))
                  + "\"}";
          case 4 -> "[" + "{".repeat(random.nextInt(100));
          default ->
              new String(randomBytes(random, random.nextInt(200)), StandardCharsets.ISO_8859_1);
        };
    String uri =
        method == HttpMethod.DELETE && path.endsWith("identities")
            ? path + "?platform=" + enc(nasty(random)) + "&corpId=a&userId=b"
            : path;
    return web.method(method)
        .uri(uri)
        .header("Authorization", "Bearer test-admin-token")
        .header("X-Forwarded-For", "192.0.2.200")
        .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain")
        .bodyValue(body)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .timeout(Duration.ofSeconds(30));
  }

  private static String nasty(Random random) {
    return random.nextBoolean()
        ? NASTY.get(random.nextInt(NASTY.size()))
        : new String(randomBytes(random, random.nextInt(64)), StandardCharsets.ISO_8859_1);
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String enc(String s) {
    return UriUtils.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
