package io.duban.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat sign-in routes ({@code /sign-in/**}): open to anyone, GET only, since each leg is
 * guarded by the state bound to the browser's session rather than by a CSRF token; anything else
 * under the path is unknown (404).
 */
// web filter chains exist only when serving; `import-plan` runs without a web server
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ChatSignInConfiguration {

  @Bean
  ChatSignIns chatSignIns(ChatSignInProperties properties, JsonMapper json, Clock clock) {
    return ChatSignIns.of(properties, json, clock);
  }

  @Bean
  @Order(5)
  SecurityWebFilterChain chatSignInFilterChain(ServerHttpSecurity http) {
    return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/sign-in/**"))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(new WebSessionServerSecurityContextRepository())
        .headers(SecurityHeaders.with(SecurityHeaders.PAGES))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint((exchange, e) -> notFound(exchange))
                    .accessDeniedHandler((exchange, e) -> notFound(exchange)))
        .authorizeExchange(
            rules ->
                rules
                    .pathMatchers(HttpMethod.GET, "/sign-in/*", "/sign-in/*/callback")
                    .permitAll()
                    .anyExchange()
                    .denyAll())
        .build();
  }

  private static Mono<Void> notFound(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.NOT_FOUND);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body =
        "{\"error\":\"NOT_FOUND\",\"message\":\"no such path\"}".getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
