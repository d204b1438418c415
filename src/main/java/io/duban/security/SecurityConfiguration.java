package io.duban.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;

/**
 * Who may call what. The API takes bearer tokens (no sessions, no cookies, so no CSRF): configured
 * service tokens and people's own tokens; every role reads the plan, units, ledger and board,
 * SUPERVISOR also the reports, and everything else is ADMIN's. Platform callbacks have a chain of
 * their own that only writes headers, because each one is guarded by its platform's signature.
 * Every path belongs to a chain, so every response carries the security headers; paths no chain
 * names are refused as unknown.
 */
// web filter chains exist only when serving; `import-plan` runs without a web server
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class SecurityConfiguration {

  /** Picked up by its name by Spring's web handler, before any exchange exists. */
  @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
  ForwardedHeaderTransformer forwardedHeaderTransformer(SecurityProperties properties) {
    return new TrustedProxies(properties.trustedProxies());
  }

  /**
   * Platform callbacks: each is guarded by its platform's signature, so they need neither a bearer
   * token nor an authorization decision, and no session, CSRF token, request cache or anonymous
   * principal. This chain only writes the security headers; at several hundred callbacks a second
   * the API chain's filters (token conversion, anonymous authentication, authorization, exception
   * translation) were a measurable part of an acknowledgement's CPU
   * (bench/results/2026-12-02-cpu.md).
   */
  @Bean
  @Order(0)
  SecurityWebFilterChain callbackSecurity(ServerHttpSecurity http) {
    return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/callbacks/**"))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(SecurityHeaders.with(SecurityHeaders.DATA))
        .build();
  }

  @Bean
  @Order(1)
  SecurityWebFilterChain apiSecurity(
      ServerHttpSecurity http,
      TokenRegistry registry,
      AccountTokens personal,
      SignInThrottle throttle) {
    TokenAuthentication tokens = new TokenAuthentication(registry, personal, throttle);
    AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
    bearer.setServerAuthenticationConverter(tokens);
    bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    bearer.setAuthenticationFailureHandler(
        (filterExchange, e) -> {
          ServerWebExchange exchange = filterExchange.getExchange();
          if (e instanceof SignInRefused refused) {
            exchange
                .getResponse()
                .getHeaders()
                .set(HttpHeaders.RETRY_AFTER, SignInThrottle.retryAfter(refused.waitFor()));
            return write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "TOO_MANY_FAILURES",
                SignInThrottle.message(refused.waitFor()));
          }
          return write(
              exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "unknown or expired API token");
        });
    return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**"))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(SecurityHeaders.with(SecurityHeaders.DATA))
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
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .pathMatchers(
                        HttpMethod.GET,
                        "/api/v1/plan/**",
                        "/api/v1/units",
                        "/api/v1/units/**",
                        "/api/v1/ledger*",
                        "/api/v1/dashboard/**")
                    .hasAnyRole(Role.names(Role.VIEWER, Role.SUPERVISOR, Role.LEADER, Role.ADMIN))
                    // the review queue's reports are the 督查 office's reading
                    .pathMatchers(HttpMethod.GET, "/api/v1/reports", "/api/v1/reports/**")
                    .hasAnyRole(Role.names(Role.SUPERVISOR, Role.ADMIN))
                    // the 通报 is for leaders and the 督查 office that circulates it
                    .pathMatchers(HttpMethod.GET, "/api/v1/bulletin*")
                    .hasAnyRole(Role.names(Role.SUPERVISOR, Role.LEADER, Role.ADMIN))
                    // 交办事项: 延期 is the leader's decision, 复核 the 督查 office's
                    .pathMatchers(HttpMethod.POST, "/api/v1/tasks/*/extension")
                    .hasAnyRole(Role.names(Role.LEADER, Role.ADMIN))
                    .pathMatchers(HttpMethod.POST, "/api/v1/tasks/*/review")
                    .hasAnyRole(Role.names(Role.SUPERVISOR, Role.ADMIN))
                    .pathMatchers(
                        HttpMethod.POST, "/api/v1/tasks", "/api/v1/tasks.xlsx", "/api/v1/tasks/**")
                    .hasAnyRole(Role.names(Role.SUPERVISOR, Role.LEADER, Role.ADMIN))
                    .pathMatchers("/api/**", "/actuator/**")
                    .hasRole(Role.ADMIN.name())
                    .anyExchange()
                    .denyAll())
        .build();
  }

  /**
   * Everything no other chain owns: the API description and its browsable UI are open, as are the
   * benchmark's no-op endpoint (off unless enabled); any other path is unknown (404), so a new
   * route outside the chains above is closed until a chain names it.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityWebFilterChain remainingPaths(ServerHttpSecurity http) {
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(SecurityHeaders.with(SecurityHeaders.PAGES))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (exchange, e) ->
                            write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "no such path"))
                    .accessDeniedHandler(
                        (exchange, e) ->
                            write(exchange, HttpStatus.NOT_FOUND, "NOT_FOUND", "no such path")))
        .authorizeExchange(
            rules ->
                rules
                    .pathMatchers(
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/api-docs",
                        "/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/webjars/**",
                        "/bench/noop")
                    .permitAll()
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
