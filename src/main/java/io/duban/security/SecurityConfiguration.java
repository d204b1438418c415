package io.duban.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call what. The API takes bearer tokens (no sessions, no cookies, so no CSRF); platform
 * callbacks are open here because each one is guarded by its platform's signature instead.
 */
// web filter chains exist only when serving; `import-plan` runs without a web server
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, TokenRegistry registry) {
    TokenAuthentication tokens = new TokenAuthentication(registry);
    AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
    bearer.setServerAuthenticationConverter(tokens);
    bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    bearer.setAuthenticationFailureHandler(
        (filterExchange, e) ->
            write(
                filterExchange.getExchange(),
                HttpStatus.UNAUTHORIZED,
                "UNAUTHORIZED",
                "unknown or expired API token"));
    return http.securityMatcher(
            ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**", "/callbacks/**"))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (exchange, e) ->
                            write(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "UNAUTHORIZED",
                                "an API token is required: Authorization: Bearer <token>"))
                    .accessDeniedHandler(
                        (exchange, e) ->
                            write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "FORBIDDEN",
                                "this token's role may not do that")))
        .authorizeExchange(
            rules ->
                rules
                    .pathMatchers("/callbacks/**")
                    .permitAll()
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .pathMatchers(
                        HttpMethod.GET,
                        "/api/v1/plan/**",
                        "/api/v1/units",
                        "/api/v1/units/**",
                        "/api/v1/ledger*",
                        "/api/v1/dashboard/**")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    .pathMatchers("/api/**", "/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .anyExchange()
                    .denyAll())
        .build();
  }

  private static Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String code, String message) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body =
        ("{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
