package io.duban.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON calls a chat sign-in makes to its platform, each within a timeout. Any failure to get an
 * answer becomes a {@link ChatSignInFailure} whose text names neither the URL (its query can hold a
 * secret or code) nor a token.
 */
final class SignInHttp {

  /** A platform's answer: HTTP status and JSON body (an empty object when there is none). */
  record Answer(int status, JsonNode body) {

    String text(String field) {
      JsonNode node = body.get(field);
      return node == null || node.isNull() ? "" : node.asString();
    }

    long number(String field, long otherwise) {
      JsonNode node = body.get(field);
      return node == null || !node.isNumber() ? otherwise : node.asLong();
    }

    /** The status and error fields only, for the log: never a token. */
    String summary() {
      StringJoiner parts = new StringJoiner(", ", "HTTP " + status + " {", "}");
      for (String field :
          new String[] {
            "errcode", "errmsg", "code", "msg", "message", "error", "error_description"
          }) {
        JsonNode node = body.get(field);
        if (node != null && !node.isNull()) {
          String value = node.asString();
          parts.add(field + "=" + (value.length() > 80 ? value.substring(0, 80) : value));
        }
      }
      return parts.toString();
    }
  }

  private final WebClient web;
  private final JsonMapper json;
  private final Duration timeout;

  SignInHttp(WebClient web, JsonMapper json, Duration timeout) {
    this.web = web;
    this.json = json;
    this.timeout = timeout;
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  Mono<Answer> get(String url, Map<String, String> headers) {
    return exchange(web.get().uri(URI.create(url)).headers(h -> headers.forEach(h::set)));
  }

  Mono<Answer> post(String url, Map<String, String> headers, JsonNode body) {
    return exchange(
        web.post()
            .uri(URI.create(url))
            .headers(h -> headers.forEach(h::set))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json.writeValueAsString(body)));
  }

  private Mono<Answer> exchange(WebClient.RequestHeadersSpec<?> request) {
    return request
        .exchangeToMono(
            r ->
                r.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(text -> new Answer(r.statusCode().value(), parse(text))))
        .timeout(timeout)
        .onErrorMap(e -> !(e instanceof ChatSignInFailure), this::failure);
  }

  private JsonNode parse(String text) {
    if (text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(text);
      return node.isObject() ? node : json.createObjectNode();
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  private ChatSignInFailure failure(Throwable e) {
    if (e instanceof java.util.concurrent.TimeoutException) {
      return new ChatSignInFailure(ChatSignInRefusal.PLATFORM, "no answer within " + timeout);
    }
    Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
    return new ChatSignInFailure(
        ChatSignInRefusal.PLATFORM, "network error: " + root.getClass().getSimpleName());
  }
}
