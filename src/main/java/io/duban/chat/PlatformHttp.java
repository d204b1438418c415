package io.duban.chat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON calls to platform APIs with a timeout. Network errors, timeouts, HTTP 429 and 5xx become
 * retryable {@link SendFailure}s whose text never contains the URL (its query holds credentials).
 */
public final class PlatformHttp {

  /** A platform's answer: HTTP status and the JSON body (an empty object when none). */
  public record Response(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final WebClient webClient;
  private final JsonMapper json;
  private final Duration timeout;

  public PlatformHttp(WebClient webClient, JsonMapper json, Duration timeout) {
    this.webClient = webClient;
    this.json = json;
    this.timeout = timeout;
  }

  public ObjectNode object() {
    return json.createObjectNode();
  }

  public String write(JsonNode node) {
    return json.writeValueAsString(node);
  }

  public Mono<Response> post(String url, Map<String, String> headers, String body) {
    return exchange(
        webClient
            .post()
            .uri(java.net.URI.create(url))
            .headers(h -> headers.forEach(h::set))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body));
  }

  /** A multipart/form-data upload, e.g. an image; the answer is read as JSON like any other. */
  public Mono<Response> postMultipart(
      String url, Map<String, String> headers, MultiValueMap<String, HttpEntity<?>> parts) {
    return exchange(
        webClient
            .post()
            .uri(java.net.URI.create(url))
            .headers(h -> headers.forEach(h::set))
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(parts)));
  }

  /** A query parameter value, URL-encoded. */
  public static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  public Mono<Response> get(String url) {
    return exchange(webClient.get().uri(java.net.URI.create(url)));
  }

  private Mono<Response> exchange(WebClient.RequestHeadersSpec<?> request) {
    return request
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(text -> new Response(r.statusCode().value(), parse(text))))
        .timeout(timeout)
        .onErrorMap(this::classify)
        .flatMap(PlatformHttp::failOnBusyStatus);
  }

  private JsonNode parse(String text) {
    if (text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(text);
    } catch (RuntimeException e) {
      return json.createObjectNode()
          .put("raw", text.length() > 200 ? text.substring(0, 200) : text);
    }
  }

  private static Mono<Response> failOnBusyStatus(Response response) {
    if (response.status() == 429 || response.status() >= 500) {
      return Mono.error(SendFailure.retryable("HTTP " + response.status()));
    }
    return Mono.just(response);
  }

  private Throwable classify(Throwable e) {
    if (e instanceof SendFailure) {
      return e;
    }
    if (e instanceof TimeoutException) {
      return SendFailure.retryable("no answer within " + timeout);
    }
    if (e instanceof WebClientRequestException) {
      Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
      return SendFailure.retryable(
          "network error: " + root.getClass().getSimpleName() + " " + root.getMessage());
    }
    return e;
  }
}
