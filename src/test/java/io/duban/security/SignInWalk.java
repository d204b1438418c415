package io.duban.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser for chat sign-in tests: a real HTTP client with its own cookie jar that follows
 * redirects one by one (the service, the fake platform, back to the service) and remembers where
 * each went, so a test can stop, replay or tamper with any leg.
 */
final class SignInWalk {

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final String userAgent;

  /** The locations visited, in order. */
  final List<String> visited = new ArrayList<>();

  SignInWalk(int port, String userAgent) {
    this.base = "http://localhost:" + port;
    this.userAgent = userAgent;
  }

  SignInWalk(int port) {
    this(port, "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36");
  }

  /** GET {@code url} (absolute, or a path of the service); the response, not followed. */
  HttpResponse<String> get(String url) {
    String target = url.startsWith("http") ? url : base + url;
    visited.add(target);
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(target))
              .header("User-Agent", userAgent)
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST a form to a path of the service; the response, not followed. */
  HttpResponse<String> postForm(String path, java.util.Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                        + "="
                        + java.net.URLEncoder.encode(
                            e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
            .collect(java.util.stream.Collectors.joining("&"));
    visited.add(base + path);
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("User-Agent", userAgent)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The redirect target of a response that must be a redirect. */
  static String location(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 3) {
      throw new AssertionError(
          "expected a redirect from " + response.uri() + ", got " + response.statusCode());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  /** Starts a sign-in at {@code platform}: the platform's authorisation URL it was sent to. */
  String start(String platform) {
    return location(get("/sign-in/" + platform));
  }

  /** The platform's page: where the platform sends the browser back (the service's callback). */
  String atPlatform(String authorizeUrl) {
    return location(get(authorizeUrl));
  }

  /** The service's callback: where it sends the browser next (the board, or the sign-in page). */
  String callback(String callbackUrl) {
    String next = location(get(callbackUrl));
    return next.startsWith(base) ? next.substring(base.length()) : next;
  }

  /** The whole walk: start, platform, callback; where the service finally sends the browser. */
  String signIn(String platform) {
    return callback(atPlatform(start(platform)));
  }

  /** The value of the session cookie, or null. */
  String session() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }
}
