package io.duban.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A url-encoded form body with broken escapes ({@code %zz}) is answered 400 before any filter reads
 * it: the CSRF filter and the sign-in read the form too, and its decoding error would otherwise
 * surface as a 500. Such bodies are within the codec's in-memory cap; multipart is not touched
 * here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UnreadableForms implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    if (exchange.getRequest().getMethod() != HttpMethod.POST
        || type == null
        || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
      return chain.filter(exchange);
    }
    return exchange
        .getFormData()
        .then(Mono.just(true))
        .onErrorResume(IllegalArgumentException.class, e -> Mono.just(false))
        .flatMap(readable -> readable ? chain.filter(exchange) : refuse(exchange));
  }

  private static Mono<Void> refuse(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.BAD_REQUEST);
    var headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    // answered before any security chain: the headers the chains would have written
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Content-Security-Policy", SecurityHeaders.DATA);
    byte[] body =
        "{\"error\":\"BAD_REQUEST\",\"message\":\"表单内容无法解析\"}".getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
