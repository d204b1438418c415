package io.duban.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
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

  /** A JSON PATCH (Feishu's update of a message it sent). */
  public Mono<Response> patch(String url, Map<String, String> headers, String body) {
    return exchange(
        webClient
            .patch()
            .uri(java.net.URI.create(url))
            .headers(h -> headers.forEach(h::set))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body));
  }

  /** A JSON PUT (DingTalk's update of a card instance it sent). */
  public Mono<Response> put(String url, Map<String, String> headers, String body) {
    return exchange(
        webClient
            .put()
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

  /** A binary answer (a media download): status, its Content-Type (or empty) and the bytes. */
  public record Binary(int status, String contentType, byte[] bytes) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** True when the platform answered with JSON (an error) instead of the media. */
    public boolean json() {
      return contentType.toLowerCase(java.util.Locale.ROOT).contains("json")
          || (bytes.length > 0 && bytes[0] == '{');
    }

    public String text() {
      return new String(bytes, 0, Math.min(bytes.length, 500), StandardCharsets.UTF_8);
    }
  }

  /**
   * GETs media bytes, reading at most {@code maxBytes} (a longer answer fails with {@link
   * MediaTooLarge}, never buffering more): the codecs' 256 KB limit does not apply here.
   */
  public Mono<Binary> getBytes(String url, Map<String, String> headers, int maxBytes) {
    return webClient
        .get()
        .uri(java.net.URI.create(url))
        .headers(h -> headers.forEach(h::set))
        .exchangeToMono(
            r ->
                DataBufferUtils.join(r.bodyToFlux(DataBuffer.class), maxBytes)
                    .map(
                        buffer -> {
                          byte[] bytes = new byte[buffer.readableByteCount()];
                          buffer.read(bytes);
                          DataBufferUtils.release(buffer);
                          return bytes;
                        })
                    .defaultIfEmpty(new byte[0])
                    .onErrorMap(DataBufferLimitException.class, e -> new MediaTooLarge(maxBytes))
                    .map(
                        bytes ->
                            new Binary(
                                r.statusCode().value(),
                                r.headers().contentType().map(Object::toString).orElse(""),
                                bytes)))
        .timeout(timeout)
        .onErrorMap(this::classify)
        .flatMap(
            b ->
                b.status() == 429 || b.status() >= 500
                    ? Mono.error(SendFailure.retryable("HTTP " + b.status()))
                    : Mono.just(b));
  }

  /** A binary answer that turned out to be JSON, read as the platform's error answer. */
  public Response asResponse(Binary binary) {
    return new Response(binary.status(), parse(new String(binary.bytes(), StandardCharsets.UTF_8)));
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
    if (e instanceof SendFailure || e instanceof MediaTooLarge) {
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
